package dev.distill.engine.spec;

import dev.distill.annotations.Quantization;
import dev.distill.annotations.SoftLoss;
import dev.distill.annotations.TeacherWeights;
import dev.distill.runtime.ModelFolder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One checked descriptor with its overrides applied: every setting of {@code docs/descriptor-format.md}, typed. The
 * components are named like the JSON keys; paths are kept as written, and the {@code ...File(s)} methods resolve
 * them against {@link #baseDir()}. Made by {@link SettingOverrides#resolve}, which has checked every value with the
 * same rules as the annotation processor.
 *
 * @param name the descriptor's name: its model folder and file name
 * @param descriptorClass the binary name of the annotated type
 * @param teacher the teachers, at least one; several make an ensemble
 * @param teacherWeights how an ensemble's teachers are weighed
 * @param data the data
 * @param student the student network
 * @param temperature the softmax temperature of the soft targets (the first epoch's when {@code finalTemperature}
 *     is set)
 * @param finalTemperature the temperature at the last epoch, or empty for a constant temperature (JSON {@code null},
 *     Java {@code NaN})
 * @param alpha the weight of the soft-target loss
 * @param hiddenWeight the weight of the hidden-state (sentence vector) term; 0 = off
 * @param layerWeight the weight of the layer term (a TRANSFORMER's layer outputs against the teacher's); 0 = off,
 *     NaN = automatic
 * @param attentionWeight the weight of the attention term (its last layer's attention distributions against the
 *     teacher's); 0 = off, NaN = automatic
 * @param accumulationSteps batches whose gradients make one optimizer step
 * @param softLoss how the student is compared with the teacher
 * @param epochs the most epochs
 * @param patience epochs without a better dev accuracy before training stops
 * @param batchSize texts per training step
 * @param learningRate AdamW's peak learning rate, or empty for the student architecture's default (JSON
 *     {@code null}, Java {@code NaN})
 * @param weightDecay AdamW's decoupled weight decay
 * @param warmupFraction the share of all steps spent warming up
 * @param gradientClip the largest global gradient norm, 0 for none
 * @param seed the seed of the dev split, shuffling, initialization, dropout and augmentation
 * @param quantization how the packaged student is stored
 * @param pruneVocabulary whether the vocabulary is cut to the tokens seen in the data
 * @param minRetention the least student/teacher dev accuracy ratio that passes; 0 turns the gate off
 * @param augmentation the data augmentation
 * @param baseDir the absolute project base directory that relative paths start from
 */
public record DistillSpec(String name, String descriptorClass, List<TeacherSettings> teacher,
        TeacherWeights teacherWeights, DatasetSettings data,
        StudentSettings student, double temperature, OptionalDouble finalTemperature, double alpha, SoftLoss softLoss,
        double hiddenWeight, double layerWeight, double attentionWeight, int epochs, int patience, int batchSize, int accumulationSteps, OptionalDouble learningRate,
        double weightDecay, double warmupFraction,
        double gradientClip, long seed, Quantization quantization, boolean pruneVocabulary, double minRetention,
        AugmentationSettings augmentation, Path baseDir) {

    /** Checks that there is a teacher (the checks have; a spec built by hand may not). */
    public DistillSpec {
        teacher = List.copyOf(teacher);
        if (teacher.isEmpty()) {
            throw new IllegalArgumentException(name + ": teacher is empty: a distillation needs at least one teacher");
        }
    }

    /**
     * A teacher's files, resolved; empty for a teacher from an artifact, whose paths are entries in that jar. With
     * {@code teacher.model} a folder, that folder's {@code tokenizer.json} and {@code config.json} belong to it,
     * unless {@code teacher.tokenizer} names another tokenizer.
     *
     * @param teacher one of {@link #teacher()}
     */
    public Optional<TeacherFiles> teacherFiles(TeacherSettings teacher) {
        if (teacher.fromArtifact()) {
            return Optional.empty();
        }
        Path model = resolve(teacher.model());
        Path modelFile = ModelFolder.modelFileOf(model);
        Path tokenizer = teacher.tokenizer().isEmpty()
                ? ModelFolder.tokenizerBeside(modelFile)
                : resolve(teacher.tokenizer());
        return Optional.of(new TeacherFiles(model, modelFile, tokenizer, ModelFolder.configBeside(modelFile)));
    }

    /** {@code student.tokenizer}, resolved; empty when the student reads with the first teacher's tokenizer. */
    public Optional<Path> studentTokenizer() {
        return student.tokenizer().isEmpty() ? Optional.empty() : Optional.of(resolve(student.tokenizer()));
    }

    /** The training file, resolved. */
    public Path trainFile() {
        return resolve(data.train());
    }

    /** The development file, resolved; empty when dev is held out of train. */
    public Optional<Path> devFile() {
        return optionalFile(data.dev());
    }

    /** The transfer file, resolved; empty when there is none. */
    public Optional<Path> transferFile() {
        return optionalFile(data.transfer());
    }

    /** The soft-target folder, resolved; empty when there is none. */
    public Optional<Path> softTargetFolder() {
        return optionalFile(data.softTargets());
    }

    /** A path setting resolved against the base directory (an absolute path stays as it is), normalized. */
    public Path resolve(String path) {
        return baseDir.resolve(path).normalize();
    }

    /**
     * Every setting by its dotted JSON path ({@code student.kernelSizes}; {@code teacher.model} for one teacher,
     * {@code teacher[i].model} for each of several), sorted, with {@code name} and
     * {@code descriptorClass}: for the report and the model metadata. Values are written as the descriptor JSON
     * writes them ({@code 4.0}, {@code BILSTM}), lists separated by commas ({@code 3,4,5}) as a property override
     * takes them, and an unset {@code double} ({@code finalTemperature}, {@code learningRate}) as {@code null}. Paths stay as written.
     */
    public Map<String, String> asSettings() {
        return Collections.unmodifiableSortedMap(flatten(this, "", new TreeMap<>()));
    }

    private Optional<Path> optionalFile(String path) {
        return path.isEmpty() ? Optional.empty() : Optional.of(resolve(path));
    }

    private static SortedMap<String, String> flatten(Record record, String prefix, SortedMap<String, String> into) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = valueOf(component, record);
            String path = prefix + component.getName();
            if (value instanceof Record nested) {
                flatten(nested, path + ".", into);
            } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Record) {
                for (int i = 0; i < list.size(); i++) {
                    flatten((Record) list.get(i), path + (list.size() == 1 ? "" : "[" + i + "]") + ".", into);
                }
            } else if (!(value instanceof Path)) {
                into.put(path, text(value));
            }
        }
        return into;
    }

    private static String text(Object value) {
        if (value instanceof OptionalDouble optional) {
            return optional.isPresent() ? Double.toString(optional.getAsDouble()) : "null";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return String.valueOf(value);
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
