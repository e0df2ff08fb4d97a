package dev.distill.engine;

import dev.distill.annotations.Quantization;
import dev.distill.engine.augment.AugmentOptions;
import dev.distill.engine.data.DataSpec;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.teacher.EnsembleWeights;
import dev.distill.engine.teacher.TeacherSpec;
import dev.distill.engine.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything one distillation needs, in the engine's own terms. A descriptor becomes a plan (see
 * {@code dev.distill.engine.spec}); benchmarks and tests can also build one directly.
 *
 * @param name            the descriptor name; the student's folder is {@code <output>/<name>/}
 * @param teachers        where each teacher is and how to make it: one, or several for an ensemble
 * @param teacherWeights  how an ensemble's teachers are weighed (not asked with one teacher)
 * @param data            where the data is and how to read it
 * @param student         the student's architecture and sizes
 * @param studentTokenizer the tokenizer.json the student reads with, or null for the first teacher's
 * @param training        how to train it
 * @param augmentation    how to augment the transfer set (Tang et al. 2019); {@code copies = 0} turns it off
 * @param quantization    NONE or INT8
 * @param pruneVocabulary whether to keep only the token ids the transfer set uses
 * @param minRetention    the quality gate: least shipped-student / teacher dev accuracy, 0 for none
 * @param thresholds      the export and int8 checks
 * @param threads         compute threads for ONNX Runtime (training threads are in {@code training})
 * @param outputFolder    the student folder to write ({@code .../META-INF/distill/<name>}); replaced atomically
 * @param workFolder      reports, the probe teacher and the fp32 student go here
 * @param cacheFolder     the soft-target cache, or null for none
 * @param settings        the settings as the user gave them, for the metadata and the report
 * @param provenance      where the inputs came from, for config.json and the report
 */
public record DistillationPlan(
        String name,
        List<TeacherSpec> teachers,
        EnsembleWeights teacherWeights,
        DataSpec data,
        StudentPlan student,
        Path studentTokenizer,
        TrainingConfig training,
        AugmentOptions augmentation,
        Quantization quantization,
        boolean pruneVocabulary,
        double minRetention,
        Thresholds thresholds,
        int threads,
        Path outputFolder,
        Path workFolder,
        Path cacheFolder,
        Map<String, String> settings,
        Map<String, String> provenance) {

    public DistillationPlan {
        Objects.requireNonNull(name, "name");
        teachers = List.copyOf(teachers);
        if (teachers.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one teacher");
        }
        Objects.requireNonNull(teacherWeights, "teacherWeights");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(augmentation, "augmentation");
        Objects.requireNonNull(quantization, "quantization");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(outputFolder, "outputFolder");
        Objects.requireNonNull(workFolder, "workFolder");
        settings = new TreeMap<>(settings);
        provenance = new TreeMap<>(provenance);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** The first teacher, whose embedding table the student takes, and its tokenizer unless studentTokenizer is set. */
    public TeacherSpec firstTeacher() {
        return teachers.get(0);
    }

    /** This plan with {@code training} instead of its own (a setting made concrete once the teacher is open). */
    public DistillationPlan withTraining(TrainingConfig training) {
        return new DistillationPlan(name, teachers, teacherWeights, data, student, studentTokenizer, training, augmentation, quantization, pruneVocabulary,
                minRetention, thresholds, threads, outputFolder, workFolder, cacheFolder, settings, provenance);
    }
}
