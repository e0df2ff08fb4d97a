package dev.distill.engine;

import dev.distill.annotations.Embeddings;
import dev.distill.contract.ClassifierGraph;
import dev.distill.engine.augment.MungeAugmenter;
import dev.distill.engine.data.TabularData;
import dev.distill.engine.data.TabularRows;
import dev.distill.engine.evaluate.Speed;
import dev.distill.engine.evaluate.SpeedProbe;
import dev.distill.engine.report.DistillReport;
import dev.distill.engine.softtargets.SoftTargetFolder;
import dev.distill.engine.student.mlp.MlpArchitecture;
import dev.distill.engine.student.mlp.MlpStudent;
import dev.distill.engine.teacher.Logits;
import dev.distill.engine.teacher.OnnxTabularTeacher;
import dev.distill.engine.train.RowTrainer;
import dev.distill.engine.train.TrainedRowStudent;
import dev.distill.engine.train.TrainingConfig;
import dev.distill.onnx.student.mlp.MlpGraph;
import dev.distill.runtime.OnnxTabularModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            if (plan.data().softTargets() != null) {
                log.accept("distill: warning: " + SoftTargetFolder.SETTING + " " + plan.data().softTargets()
                        + " is not read by an MLP build: its rows are texts; the teacher labels the training rows");
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
                Map<String, String> provenance = new LinkedHashMap<>();
                provenance.put(ProvenanceKeys.TEACHER_OUTPUT, teacher.outputName());
                provenance.put(ProvenanceKeys.MISSING_VALUES, data.filled().isEmpty() ? "none"
                        : String.join("; ", data.filled()));
                provenance.put(ProvenanceKeys.STUDENT_INITIAL_WEIGHTS, "random: the tabular teacher gives no weights");
                provenance.put(ProvenanceKeys.TRANSFER_TEXTS, Integer.toString(transfer.size()));
                return RowStudentBuild.finish(plan, clock, log, graph, architecture.int8Quantizer(), trained,
                        data.dev(), new RowStudentBuild.TeacherFigures(teacher.labels(), teacher.modelFile(),
                                teacher.outputName(), devLogits), provenance, new Rows(data.features()));
            }
        }
    }

    /** Tabular rows run through {@code OnnxTabularModel}, shipped with their feature names. */
    private record Rows(List<String> features) implements RowStudentBuild.Modality {
        @Override
        public float[][] onnxLogits(Path model, float[][] rows, int threads) {
            try (OnnxTabularModel onnx = OnnxTabularModel.load(model, List.of(ClassifierGraph.LOGITS), threads)) {
                return onnx.forward(rows);
            }
        }

        @Override
        public Speed speed(SpeedProbe probe, Path model, String output, float[][] rows) {
            return probe.measure(model, output, rows);
        }

        @Override
        public void writeFolder(DistillationPlan plan, byte[] model, List<String> labels, DistillReport report,
                Map<String, String> provenance) throws IOException {
            StudentFolder.writeTabular(plan.outputFolder(), plan.workFolder(), model, labels, features, report,
                    provenance);
        }
    }

    private static float[][] concat(float[][] first, float[][] second) {
        float[][] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
