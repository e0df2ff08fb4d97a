package dev.distill.engine;

import dev.distill.annotations.Quantization;
import dev.distill.engine.data.TeacherSetup;
import dev.distill.engine.data.TransferSet;
import dev.distill.engine.evaluate.OnnxParameters;
import dev.distill.engine.evaluate.Scorecard;
import dev.distill.engine.evaluate.Speed;
import dev.distill.engine.evaluate.SpeedProbe;
import dev.distill.engine.evaluate.StudentSize;
import dev.distill.engine.export.ExportResult;
import dev.distill.engine.report.ModelEvaluation;
import dev.distill.engine.report.ModelRole;
import dev.distill.onnx.OnnxModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Scores the teacher and the students on the dev set for the report. Their answers are the logits already computed:
 * the teacher's soft targets, and the export step's ONNX Runtime runs of the fp32 and the packaged student, which
 * are the very models written to disk; only speed is measured here, on those files.
 */
final class DevEvaluation {

    private static final int SPEED_TEXTS = 300;

    private DevEvaluation() {
    }

    /**
     * @param tokenizer the student's tokenizer.json
     * @param studentParameters the trained network's weight count
     * @param fp32File the fp32 student as written
     * @param packagedFile the student that ships, as written
     * @param log receives a warning when the student is not smaller than the teacher
     * @return the teacher, the fp32 student and, unless quantization is NONE, the int8 student
     */
    static List<ModelEvaluation> models(DistillationPlan plan, TeacherSetup.Prepared prepared, TransferSet transfer,
            Path tokenizer, long studentParameters, ExportResult export, Path fp32File, Path packagedFile, Consumer<String> log)
            throws IOException {
        int[] gold = transfer.dev().labels();
        int[] teacherPredicted = Scorecard.predictions(transfer.dev().teacherLogits());
        SpeedProbe probe = new SpeedProbe(plan.threads(), SPEED_TEXTS);
        List<String> devTexts = prepared.data().dev().texts();
        List<ModelEvaluation> models = new ArrayList<>();
        // An ensemble costs what its teachers cost together: their weights and files added, run one after another.
        long parameters = 0;
        long bytes = 0;
        List<Speed> speeds = new ArrayList<>();
        for (TeacherSetup.Member member : prepared.members()) {
            Path teacherModel = teacherClassifierModel(member.classifierModel());
            parameters += OnnxParameters.count(OnnxModels.read(teacherModel));
            bytes += Files.size(teacherModel);
            speeds.add(probe.measure(teacherModel, member.teacher().tokenizerFile(), member.teacher().maxLength(),
                    devTexts));
        }
        models.add(Scorecard.score(ModelRole.TEACHER, transfer.labels(), gold, teacherPredicted,
                transfer.dev().teacherLogits(), parameters, bytes, inSequence(speeds)));
        StudentSize.warning(studentParameters, models.get(0).parameters())
                .ifPresent(warning -> log.accept("distill: warning: " + warning));
        models.add(Scorecard.score(ModelRole.STUDENT_FP32, transfer.labels(), gold, teacherPredicted,
                export.fp32DevLogits(), studentParameters, Files.size(fp32File),
                probe.measure(fp32File, tokenizer, plan.student().maxLength(), devTexts)));
        if (plan.quantization() != Quantization.NONE) {
            models.add(Scorecard.score(ModelRole.STUDENT_INT8, transfer.labels(), gold, teacherPredicted,
                    export.packagedDevLogits(), studentParameters, export.packagedFileBytes(),
                    probe.measure(packagedFile, tokenizer, plan.student().maxLength(), devTexts)));
        }
        return models;
    }

    /** The speed of models run one after another on each text: latencies add, throughputs combine harmonically. */
    private static Speed inSequence(List<Speed> speeds) {
        if (speeds.size() == 1) {
            return speeds.get(0);
        }
        double p50 = 0;
        double p99 = 0;
        double secondsPerText = 0;
        for (Speed speed : speeds) {
            p50 += speed.latencyP50Ms();
            p99 += speed.latencyP99Ms();
            secondsPerText += 1 / speed.throughput();
        }
        return new Speed(p50, p99, 1 / secondsPerText, speeds.get(0).runs());
    }

    /** A teacher as a classifier model file (the probe folder's model for a fitted probe), which must be there. */
    private static Path teacherClassifierModel(Path model) {
        if (!Files.isRegularFile(model)) {
            throw new UncheckedIOException(new IOException("the teacher's classifier model is missing: " + model));
        }
        return model;
    }
}
