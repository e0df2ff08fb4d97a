package dev.distill.engine;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Embeddings;
import dev.distill.annotations.Quantization;
import dev.distill.contract.ClassifierGraph;
import dev.distill.engine.augment.MungeAugmenter;
import dev.distill.engine.data.TabularData;
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
import dev.distill.engine.student.mlp.MlpArchitecture;
import dev.distill.engine.student.mlp.MlpStudent;
import dev.distill.engine.teacher.Logits;
import dev.distill.engine.teacher.OnnxTabularTeacher;
import dev.distill.engine.train.RowTrainer;
import dev.distill.engine.train.TrainedRowStudent;
import dev.distill.engine.train.TrainingConfig;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.quantize.QuantizedModel;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.mlp.MlpGraph;
import dev.distill.runtime.OnnxTabularModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The tabular build ({@code @Student(architecture = MLP)}): an ONNX tabular teacher (a tree ensemble, or any
 * classifier of a {@code features} input) labels the training rows, an MLP student learns from its soft targets and
 * the gold labels, is exported with the training rows' standardisation in its graph, checked against the DJL network
 * ({@code parityTolerance}), quantized to int8 ({@code DynamicQuantizeMatMul}) and checked again, evaluated against
 * the teacher, gated on {@code minRetention} and written as a tabular classifier folder ({@code model.onnx},
 * {@code config.json} with {@code feature_names}) that {@code TabularClassifier} serves. {@link Distiller} hands
 * such a plan here; the stages and the report are the text build's.
 */
final class TabularDistiller {

    private static final int SPEED_ROWS = 300;

    private final Consumer<String> log;

    TabularDistiller(Consumer<String> log) {
        this.log = log;
    }

    DistillOutcome run(DistillationPlan plan) throws IOException {
        if (plan.teachers().size() > 1) {
            throw new IllegalArgumentException("an MLP student learns from one tabular teacher; " + plan.teachers().size()
                    + " are given: ensembles of tabular teachers are not supported yet");
        }
        if (plan.student().embeddings() == Embeddings.TEACHER) {
            throw new IllegalArgumentException("student.embeddings = TEACHER asks for the teacher's word embeddings,"
                    + " but an MLP student reads numbers and has no embedding table (and a tabular teacher has no"
                    + " weights): use AUTO or RANDOM");
        }
        StageClock clock = new StageClock(log);
        Files.createDirectories(plan.workFolder());
        clock.start(BuildStage.TEACHER_SETUP);
        MlpArchitecture architecture = new MlpArchitecture();
        try (OnnxTabularTeacher teacher = OnnxTabularTeacher.open(plan.firstTeacher().model(), plan.threads())) {
            TabularData data = TabularData.read(plan.data(), teacher.labels());
            teacher.checkFeatures(data.features());
            log.accept("distill: tabular teacher " + teacher.modelFile() + " (" + teacher.outputName()
                    + (teacher.outputName().equals(ClassifierGraph.PROBABILITIES) ? ", read as ln(max(p, "
                            + OnnxTabularTeacher.PROBABILITY_FLOOR + "))" : "") + ") with labels " + teacher.labels()
                    + "; " + data.features().size() + " features, " + data.train().size() + " training rows, "
                    + data.dev().size() + " dev rows");
            data.filled().forEach(line -> log.accept("distill: missing values filled: " + line));
            if (plan.data().transfer() != null) {
                log.accept("distill: warning: data.transfer " + plan.data().transfer() + " is not read by an MLP"
                        + " build yet; the teacher labels the training rows only");
            }
            // A tree ensemble has no weight tensors: nothing to start a student from, and no embedding table.
            log.accept("distill: student initial weights: random (Xavier); a tabular teacher gives no weights to"
                    + " start an MLP from, so student.embeddings = " + plan.student().embeddings() + " takes nothing");
            MlpGraph graph = architecture.graph(plan.student(), data.features().size(), teacher.labels().size());

            clock.start(BuildStage.TEACHER_LABELING);
            TabularRows transfer = data.train();
            float[][] trainLogits = teacher.logits(data.train().features());
            float[][] copies = new MungeAugmenter(plan.augmentation()).augment(data.train().features(),
                    data.trainScale());
            if (copies.length > 0) {
                transfer = data.train().withCopies(copies, "a MUNGE copy of ");
                trainLogits = concat(trainLogits, teacher.logits(copies));
                log.accept("distill: augmentation: " + copies.length + " MUNGE rows (augmentation.copies = "
                        + plan.augmentation().copies() + ", each feature taken from the nearest row with probability"
                        + " augmentation.replaceProbability = " + plan.augmentation().replaceProbability()
                        + "), labelled by the teacher");
            }
            float[][] devLogits = teacher.logits(data.dev().features());
            double teacherAccuracy = Logits.accuracy(devLogits, data.dev().labels());
            log.accept(String.format(Locale.ROOT, "distill: teacher dev accuracy %.4f", teacherAccuracy));

            clock.start(BuildStage.TRAINING);
            TrainingConfig training = plan.training().toBuilder().hiddenWeight(0f).build();
            MlpStudent network = architecture.create(graph, data.trainMean(), data.trainScale(), training.dropout());
            try (TrainedRowStudent trained = new RowTrainer(training, line -> log.accept("distill: " + line))
                    .train(network, transfer, trainLogits, data.dev())) {

                clock.start(BuildStage.EXPORT);
                ModelProto fp32 = StudentGraphs.fp32(graph, trained.exportWeights(), Distiller.metadata(plan.settings()));
                Path fp32File = plan.workFolder().resolve("student-fp32.onnx");
                OnnxModels.write(fp32, fp32File);
                float[][] fp32Logits = onnxLogits(fp32File, data.dev().features(), plan.threads());
                double parity = new ParityCheck(plan.thresholds().parityTolerance(), plan.threads())
                        .check(trained.logits(data.dev().features()), fp32Logits, i -> " (" + data.dev().locations()[i]
                                + ")");
                ModelProto shipped = fp32;
                QuantizedModel int8 = null;
                Int8Comparison comparison = null;
                float[][] int8Logits = null;
                Path shippedFile = fp32File;
                if (plan.quantization() == Quantization.INT8) {
                    int8 = architecture.int8Quantizer().quantize(fp32);
                    shipped = int8.model();
                    shippedFile = plan.workFolder().resolve("student.onnx");
                    OnnxModels.write(shipped, shippedFile);
                    int8Logits = onnxLogits(shippedFile, data.dev().features(), plan.threads());
                    comparison = Int8Check.of(plan.thresholds()).check(fp32Logits, int8Logits, data.dev().labels());
                    log.accept("distill: INT8: int8 tensors " + int8.report().summary());
                }

                clock.start(BuildStage.EVALUATION);
                SpeedProbe probe = new SpeedProbe(plan.threads(), SPEED_ROWS);
                int[] gold = data.dev().labels();
                int[] teacherPredicted = Scorecard.predictions(devLogits);
                List<ModelEvaluation> models = new ArrayList<>();
                Path teacherFile = teacher.modelFile();
                models.add(Scorecard.score(ModelRole.TEACHER, teacher.labels(), gold, teacherPredicted, devLogits,
                        OnnxParameters.count(OnnxModels.read(teacherFile)), Files.size(teacherFile),
                        probe.measure(teacherFile, teacher.outputName(), data.dev().features())));
                long parameters = trained.exportWeights().parameterCount();
                models.add(Scorecard.score(ModelRole.STUDENT_FP32, teacher.labels(), gold, teacherPredicted,
                        fp32Logits, parameters, Files.size(fp32File), speed(probe, fp32File, data)));
                if (int8 != null) {
                    models.add(Scorecard.score(ModelRole.STUDENT_INT8, teacher.labels(), gold, teacherPredicted,
                            int8Logits, parameters, Files.size(shippedFile), speed(probe, shippedFile, data)));
                }
                Map<String, String> provenance = new LinkedHashMap<>(plan.provenance());
                provenance.put(ProvenanceKeys.PARITY_MAX_ABS_LOGIT_DIFF, String.format(Locale.ROOT, "%.3g", parity));
                provenance.put(ProvenanceKeys.TEACHER_OUTPUT, teacher.outputName());
                provenance.put(ProvenanceKeys.MISSING_VALUES, data.filled().isEmpty() ? "none"
                        : String.join("; ", data.filled()));
                provenance.put(ProvenanceKeys.STUDENT_INITIAL_WEIGHTS, "random: the tabular teacher gives no weights");
                provenance.put(ProvenanceKeys.TRANSFER_TEXTS, Integer.toString(transfer.size()));
                if (comparison != null) {
                    provenance.put(ProvenanceKeys.QUANTIZATION, String.format(Locale.ROOT,
                            "int8 agrees with fp32 on %.4f of %d dev rows", comparison.agreement(),
                            comparison.examples()));
                }
                clock.stop();
                List<String> quantized = int8 == null ? List.of() : int8.report().entries().stream()
                        .map(e -> e.tensor() + ": " + e.op() + " (" + e.fp32Bytes() + " -> " + e.int8Bytes()
                                + " bytes)").toList();
                DistillReport report = new DistillReport(plan.name(), teacher.labels(), models,
                        trained.history().epochs(), trained.history().bestEpoch(), plan.settings(), provenance,
                        clock.seconds(), quantized, Map.of());
                ReportWriter.write(report, plan.workFolder());
                QualityGate.check(plan.minRetention(), report);
                byte[] bytes = OnnxModels.toBytes(shipped);
                Map<String, String> folderProvenance = new LinkedHashMap<>(plan.provenance());
                try {
                    StudentFolder.writeTabular(plan.outputFolder(), plan.workFolder(), bytes, teacher.labels(),
                            data.features(), report, folderProvenance);
                } catch (IOException e) {
                    throw StudentFolder.writeFailure(plan.outputFolder(), bytes.length, e);
                }
                log.accept("distill: " + ReportSummary.line(report));
                log.accept("distill: report " + plan.workFolder().resolve(ReportWriter.HTML));
                return new DistillOutcome(report, plan.outputFolder(), plan.workFolder());
            }
        }
    }

    private static float[][] concat(float[][] first, float[][] second) {
        float[][] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static Speed speed(SpeedProbe probe, Path model, TabularData data) {
        return probe.measure(model, ClassifierGraph.LOGITS, data.dev().features());
    }

    private static float[][] onnxLogits(Path model, float[][] rows, int threads) {
        try (OnnxTabularModel onnx = OnnxTabularModel.load(model, List.of(ClassifierGraph.LOGITS), threads)) {
            return onnx.forward(rows);
        }
    }
}
