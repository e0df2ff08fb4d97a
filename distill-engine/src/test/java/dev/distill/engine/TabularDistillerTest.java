package dev.distill.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.annotations.Format;
import dev.distill.annotations.Head;
import dev.distill.annotations.MissingValues;
import dev.distill.annotations.Quantization;
import dev.distill.contract.ClassifierGraph;
import dev.distill.engine.augment.AugmentOptions;
import dev.distill.engine.data.DataSpec;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.report.ModelEvaluation;
import dev.distill.engine.report.ModelRole;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.FixedEnsembleWeights;
import dev.distill.engine.teacher.SoftmaxRegression;
import dev.distill.engine.teacher.TabularTeachers;
import dev.distill.engine.teacher.TeacherSpec;
import dev.distill.engine.train.TrainingConfig;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.OnnxTabularModel;
import dev.distill.runtime.Prediction;
import dev.distill.runtime.TabularClassifier;
import dev.distill.runtime.data.FeatureFileReader;
import dev.distill.runtime.data.FeatureTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Short whole tabular builds on the committed covertype slice: a teacher fitted in the test (and, when
 * ../shared is here, the real gradient-boosted trees) labels the rows, an MLP student trains two epochs, ships
 * int8 and is served by the runtime's {@link TabularClassifier}, agreeing with its fp32 export.
 */
class TabularDistillerTest {

    @Test
    void anInt8MlpFromARegressionTeacherIsServedByTheRuntimeAndAgreesWithItsFp32Export() throws IOException {
        Path root = EngineFixtures.targetDir("tabular-distiller");
        Path teacher = TabularTeachers.regression(root.resolve("teacher"), ClassifierGraph.LOGITS);
        List<String> log = new ArrayList<>();
        DistillOutcome outcome = new Distiller(log::add).run(plan(root, teacher, covertype()));

        ModelEvaluation int8 = outcome.report().model(ModelRole.STUDENT_INT8);
        ModelEvaluation teacherRow = outcome.report().model(ModelRole.TEACHER);
        assertTrue(int8 != null && int8.accuracy() > 0.4, "int8 student dev accuracy " + (int8 == null ? null
                : int8.accuracy()) + ", chance is 1/7; log: " + log);
        assertTrue(teacherRow.accuracy() > 0.5, "teacher dev accuracy " + teacherRow.accuracy());
        double parity = Double.parseDouble(outcome.report().provenance().get(ProvenanceKeys.PARITY_MAX_ABS_LOGIT_DIFF));
        assertTrue(parity <= 1e-4, "DJL vs ONNX " + parity);
        assertTrue(log.stream().anyMatch(line -> line.contains("a tabular teacher gives no weights")), log.toString());
        // The first layer reads the standardised one-hot columns: it stays float (MlpArchitecture).
        assertTrue(log.stream().anyMatch(line -> line.equals("distill: INT8: int8 tensors fc2.w, out.w"
                + " (com.microsoft.DynamicQuantizeMatMul)")), log.toString());

        Path folder = outcome.outputFolder();
        assertFalse(Files.exists(folder.resolve(ModelFolder.TOKENIZER)), "a tabular folder has no tokenizer");
        FeatureTable dev = new FeatureFileReader(List.of(), "label", false, "")
                .read(TabularTeachers.covertypeDev(), Format.AUTO);
        try (TabularClassifier classifier = TabularClassifier.load(folder);
                OnnxTabularModel fp32 = OnnxTabularModel.load(outcome.reportFolder().resolve("student-fp32.onnx"),
                        List.of(ClassifierGraph.LOGITS), 1)) {
            assertEquals(TabularTeachers.COVERTYPE_LABELS, classifier.labels());
            assertEquals(dev.features(), classifier.featureNames());
            float[][] shipped = classifier.logits(dev.rows());
            float[][] reference = fp32.forward(dev.rows());
            int agree = 0;
            for (int i = 0; i < shipped.length; i++) {
                agree += Prediction.argmax(shipped[i]) == Prediction.argmax(reference[i]) ? 1 : 0;
            }
            System.out.println("tabular int8 agreement with fp32: " + agree + " of " + shipped.length);
            assertTrue(agree >= 0.98 * shipped.length, agree + " of " + shipped.length + " int8 answers are fp32's");

            // One row by name gives what it gives by position; a batch gives what each row gives alone.
            Map<String, Double> named = new LinkedHashMap<>();
            for (int f = 0; f < dev.features().size(); f++) {
                named.put(dev.features().get(f), (double) dev.rows()[0][f]);
            }
            assertEquals(classifier.predict(dev.rows()[0]), classifier.predict(named));
            assertEquals(classifier.predict(dev.rows()[3]).label(),
                    classifier.predictBatch(List.of(dev.rows()[0], dev.rows()[1], dev.rows()[2], dev.rows()[3]))
                            .get(3).label());
            named.remove("Slope");
            named.put("slope", 3.0);
            String message = assertThrows(IllegalArgumentException.class, () -> classifier.predict(named)).getMessage();
            assertTrue(message.contains("unknown features [slope]") && message.contains("lacks the features [Slope]"),
                    message);
            message = assertThrows(IllegalArgumentException.class, () -> classifier.predict(new float[3])).getMessage();
            assertTrue(message.contains("3 values") && message.contains("54 features"), message);
            classifier.close();
            message = assertThrows(IllegalStateException.class, () -> classifier.predict(dev.rows()[0])).getMessage();
            assertTrue(message.contains("closed"), message);
        }
    }

    @Test
    void theRealGradientBoostedTreesTeachAnMlp() throws IOException {
        Path gbdt = EngineFixtures.sharedOrSkip().resolve("teachers/covertype-gbdt");
        if (!Files.isRegularFile(gbdt.resolve("model.onnx"))) {
            org.junit.jupiter.api.Assumptions.abort("skipped: " + gbdt + " (the covertype GBDT teacher) is absent");
        }
        Path root = EngineFixtures.targetDir("tabular-gbdt");
        List<String> log = new ArrayList<>();
        DistillOutcome outcome = new Distiller(log::add).run(plan(root, gbdt, covertype()));
        ModelEvaluation teacher = outcome.report().model(ModelRole.TEACHER);
        // 94% on the whole dev file; the slice is balanced, so its rare classes weigh more.
        assertTrue(teacher.accuracy() > 0.8, "GBDT dev accuracy on the slice " + teacher.accuracy());
        assertEquals(ClassifierGraph.LOGITS, outcome.report().provenance().get(ProvenanceKeys.TEACHER_OUTPUT));
        assertTrue(outcome.report().model(ModelRole.STUDENT_INT8).accuracy() > 0.4, log.toString());
        try (TabularClassifier classifier = TabularClassifier.load(outcome.outputFolder())) {
            assertEquals(TabularTeachers.COVERTYPE_LABELS, classifier.labels());
        }
    }

    @Test
    void featuresInAnotherOrderThanTheTeachersAreRefusedByName() throws IOException {
        Path root = EngineFixtures.targetDir("tabular-order");
        Path teacher = TabularTeachers.regression(root.resolve("teacher"), ClassifierGraph.LOGITS);
        List<String> columns = new ArrayList<>(new FeatureFileReader(List.of(), "label", false, "")
                .read(TabularTeachers.covertypeTrain(), Format.AUTO).features());
        java.util.Collections.swap(columns, 0, 1);
        DistillationPlan plan = plan(root, teacher, covertype().withFeatures(columns, MissingValues.ERROR));
        String message = assertThrows(IllegalArgumentException.class, () -> new Distiller(line -> { }).run(plan))
                .getMessage();
        assertTrue(message.contains("column 1 is 'Aspect' in the data but 'Elevation' for the teacher")
                && message.contains("feature_names"), message);
    }

    private static DataSpec covertype() {
        return DataSpec.of(TabularTeachers.covertypeTrain(), "text", "label").withDev(TabularTeachers.covertypeDev());
    }

    @Test
    void mungeCopiesAreLabelledByTheTeacherAndTrainedOnBesideTheRealRows() throws IOException {
        Path root = EngineFixtures.targetDir("tabular-munge");
        Path teacher = TabularTeachers.regression(root.resolve("teacher"), ClassifierGraph.LOGITS);
        int rows = new FeatureFileReader(List.of(), "label", false, "").read(TabularTeachers.covertypeTrain(),
                Format.AUTO).rows().length;
        List<String> log = new ArrayList<>();
        DistillOutcome outcome = new Distiller(log::add).run(plan(root, teacher, covertype(), AugmentOptions.tang(2, 3)));

        assertTrue(log.contains("distill: augmentation: " + 2 * rows + " MUNGE rows (augmentation.copies = 2, each"
                + " feature taken from the nearest row with probability augmentation.replaceProbability = 0.1),"
                + " labelled by the teacher"), log.toString());
        assertEquals(Integer.toString(3 * rows), outcome.report().provenance().get(ProvenanceKeys.TRANSFER_TEXTS));
        assertTrue(outcome.report().epochs().get(0).textsPerSecond() > 0);
        assertTrue(outcome.report().model(ModelRole.STUDENT_INT8).accuracy() > 0.4, log.toString());
    }

    private static DistillationPlan plan(Path root, Path teacher, DataSpec data) {
        return plan(root, teacher, data, AugmentOptions.tang(0, 3));
    }

    private static DistillationPlan plan(Path root, Path teacher, DataSpec data, AugmentOptions augmentation) {
        TrainingConfig training = TrainingConfig.builder().epochs(2).batchSize(32).alpha(0.7f).temperature(2f)
                .learningRate(1e-2f).seed(3).patience(0).threads(1).dropout(0f).build();
        return new DistillationPlan("covertype",
                List.of(new TeacherSpec(teacher, null, Head.CLASSIFIER, 0, 1, 32, root.resolve("probe"),
                        SoftmaxRegression.Options.defaults(1))),
                new FixedEnsembleWeights(new double[] {1}), data,
                new StudentPlan(Architecture.MLP, 128, 64, new int[] {3}, 2, 4, 64, Embeddings.AUTO), null,
                training, augmentation, Quantization.INT8, false, 0.0, new Thresholds(1e-4, 0.95, 0.05),
                1, root.resolve("classes/covertype"), root.resolve("work"), null,
                Map.of("student.architecture", "MLP"), Map.of());
    }
}
