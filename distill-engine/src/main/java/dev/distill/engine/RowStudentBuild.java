package dev.distill.engine;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Quantization;
import dev.distill.contract.ClassifierGraph;
import dev.distill.engine.data.TabularRows;
import dev.distill.engine.evaluate.OnnxParameters;
import dev.distill.engine.evaluate.Scorecard;
import dev.distill.engine.evaluate.Speed;
import dev.distill.engine.evaluate.SpeedProbe;
import dev.distill.engine.export.Int8Check;
import dev.distill.engine.export.Int8Comparison;
import dev.distill.engine.export.ParityCheck;
import dev.distill.engine.report.DistillReport;
import dev.distill.engine.report.ModelEvaluation;
import dev.distill.engine.report.ModelRole;
import dev.distill.engine.report.ReportSummary;
import dev.distill.engine.report.ReportWriter;
import dev.distill.engine.train.TrainedRowStudent;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.quantize.QuantizedModel;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentGraphs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The stages after training that the tabular and the image build share, on rows of floats: export (the fp32 graph,
 * its parity with the DJL network at {@code parityTolerance}), int8 and its check, the evaluation of teacher and
 * students on the dev rows (accuracy, size, speed), the report, the quality gate and the student folder. What
 * differs by input is a {@link Modality}: how ONNX Runtime runs a model on the rows, and what the folder holds.
 */
final class RowStudentBuild {

    /** Dev rows timed per model. */
    static final int SPEED_ROWS = 300;

    /** How one kind of rows is run and shipped. */
    interface Modality {
        /** The logits ONNX Runtime gives for {@code rows}. */
        float[][] onnxLogits(Path model, float[][] rows, int threads);

        /** The model's speed on {@code rows}, through the runtime's front for this kind. */
        Speed speed(SpeedProbe probe, Path model, String output, float[][] rows);

        /** Writes the student folder (assembled in the work folder, moved into place). */
        void writeFolder(DistillationPlan plan, byte[] model, List<String> labels, DistillReport report,
                Map<String, String> provenance) throws IOException;
    }

    /**
     * The teacher as the evaluation reads it.
     *
     * @param devLogits its logits of the dev rows
     */
    record TeacherFigures(List<String> labels, Path modelFile, String outputName, float[][] devLogits) {
    }

    private RowStudentBuild() {
    }

    /**
     * Runs the stages from export on.
     *
     * @param provenance what the build records beyond the plan's provenance (after the parity), in order
     */
    static DistillOutcome finish(DistillationPlan plan, StageClock clock, Consumer<String> log,
            StudentGraphWriter graph, DynamicInt8Quantizer quantizer, TrainedRowStudent trained, TabularRows dev,
            TeacherFigures teacher, Map<String, String> provenance, Modality modality) throws IOException {
        clock.start(BuildStage.EXPORT);
        ModelProto fp32 = StudentGraphs.fp32(graph, trained.exportWeights(), Distiller.metadata(plan.settings()));
        Path fp32File = plan.workFolder().resolve("student-fp32.onnx");
        OnnxModels.write(fp32, fp32File);
        float[][] fp32Logits = modality.onnxLogits(fp32File, dev.features(), plan.threads());
        double parity = new ParityCheck(plan.thresholds().parityTolerance(), plan.threads())
                .check(trained.logits(dev.features()), fp32Logits, i -> " (" + dev.locations()[i] + ")");
        ModelProto shipped = fp32;
        QuantizedModel int8 = null;
        Int8Comparison comparison = null;
        float[][] int8Logits = null;
        Path shippedFile = fp32File;
        if (plan.quantization() == Quantization.INT8) {
            int8 = quantizer.quantize(fp32);
            shipped = int8.model();
            shippedFile = plan.workFolder().resolve("student.onnx");
            OnnxModels.write(shipped, shippedFile);
            int8Logits = modality.onnxLogits(shippedFile, dev.features(), plan.threads());
            comparison = Int8Check.of(plan.thresholds()).check(fp32Logits, int8Logits, dev.labels());
            log.accept("distill: INT8: int8 tensors " + int8.report().summary());
        }

        clock.start(BuildStage.EVALUATION);
        SpeedProbe probe = new SpeedProbe(plan.threads(), SPEED_ROWS);
        int[] gold = dev.labels();
        int[] teacherPredicted = Scorecard.predictions(teacher.devLogits());
        List<ModelEvaluation> models = new ArrayList<>();
        Path teacherFile = teacher.modelFile();
        models.add(Scorecard.score(ModelRole.TEACHER, teacher.labels(), gold, teacherPredicted, teacher.devLogits(),
                OnnxParameters.count(OnnxModels.read(teacherFile)), Files.size(teacherFile),
                modality.speed(probe, teacherFile, teacher.outputName(), dev.features())));
        long parameters = trained.exportWeights().parameterCount();
        String logits = ClassifierGraph.LOGITS;
        models.add(Scorecard.score(ModelRole.STUDENT_FP32, teacher.labels(), gold, teacherPredicted, fp32Logits,
                parameters, Files.size(fp32File), modality.speed(probe, fp32File, logits, dev.features())));
        if (int8 != null) {
            models.add(Scorecard.score(ModelRole.STUDENT_INT8, teacher.labels(), gold, teacherPredicted, int8Logits,
                    parameters, Files.size(shippedFile), modality.speed(probe, shippedFile, logits, dev.features())));
        }
        Map<String, String> recorded = new LinkedHashMap<>(plan.provenance());
        recorded.put(ProvenanceKeys.PARITY_MAX_ABS_LOGIT_DIFF, String.format(Locale.ROOT, "%.3g", parity));
        recorded.putAll(provenance);
        if (comparison != null) {
            recorded.put(ProvenanceKeys.QUANTIZATION, String.format(Locale.ROOT,
                    "int8 agrees with fp32 on %.4f of %d dev rows", comparison.agreement(), comparison.examples()));
        }
        clock.stop();
        List<String> quantized = int8 == null ? List.of() : int8.report().entries().stream()
                .map(e -> e.tensor() + ": " + e.op() + " (" + e.fp32Bytes() + " -> " + e.int8Bytes() + " bytes)")
                .toList();
        DistillReport report = new DistillReport(plan.name(), teacher.labels(), models, trained.history().epochs(),
                trained.history().bestEpoch(), plan.settings(), recorded, clock.seconds(), quantized, Map.of());
        ReportWriter.write(report, plan.workFolder());
        QualityGate.check(plan.minRetention(), report);
        byte[] bytes = OnnxModels.toBytes(shipped);
        try {
            modality.writeFolder(plan, bytes, teacher.labels(), report, new LinkedHashMap<>(plan.provenance()));
        } catch (IOException e) {
            throw StudentFolder.writeFailure(plan.outputFolder(), bytes.length, e);
        }
        log.accept("distill: " + ReportSummary.line(report));
        log.accept("distill: report " + plan.workFolder().resolve(ReportWriter.HTML));
        return new DistillOutcome(report, plan.outputFolder(), plan.workFolder());
    }
}
