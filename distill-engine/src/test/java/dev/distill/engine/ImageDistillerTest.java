package dev.distill.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.annotations.Head;
import dev.distill.annotations.Quantization;
import dev.distill.contract.ClassifierGraph;
import dev.distill.engine.augment.AugmentOptions;
import dev.distill.engine.data.DataSpec;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.report.ModelEvaluation;
import dev.distill.engine.report.ModelRole;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.student.imagecnn.ImageCnnArchitecture;
import dev.distill.engine.student.imagecnn.ImageCnnStudent;
import dev.distill.engine.teacher.OnnxImageTeacher;
import dev.distill.engine.teacher.TeacherRows;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.FixedEnsembleWeights;
import dev.distill.engine.teacher.SoftmaxRegression;
import dev.distill.engine.teacher.TeacherSpec;
import dev.distill.engine.train.EpochSummary;
import dev.distill.engine.train.FeatureMapTerm;
import dev.distill.engine.train.TrainingConfig;
import dev.distill.onnx.OnnxModels;
import dev.distill.runtime.FloatTensor;
import dev.distill.runtime.ImageClassifier;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.OnnxImageModel;
import dev.distill.runtime.data.DataFileException;
import dev.distill.runtime.data.ImageFolderReader;
import dev.distill.runtime.data.LabeledImage;
import dev.distill.runtime.image.ImagePreprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A short whole image build on the committed Fashion-MNIST slice (300 training and 200 test PNGs) with the real
 * teacher (the committed fashion-resnet): an IMAGE_CNN student trains three epochs on the teacher's logits of its
 * augmented views, is exported with BatchNorm folded (parity with DJL at 1e-4), shipped int8 (weight-only Conv) and
 * served by the runtime's {@link ImageClassifier}.
 */
class ImageDistillerTest {

    private static Path fashion() {
        return EngineFixtures.testdata().resolve("fashion-mnist");
    }

    @Test
    void anImageCnnLearnsFromTheResNetTeacherAndIsServedByTheRuntime() throws IOException {
        Path root = EngineFixtures.targetDir("image-distiller");
        List<String> log = new ArrayList<>();
        DistillOutcome outcome = new Distiller(log::add).run(plan(root, fashion().resolve("train")));

        ModelEvaluation teacher = outcome.report().model(ModelRole.TEACHER);
        ModelEvaluation int8 = outcome.report().model(ModelRole.STUDENT_INT8);
        assertTrue(teacher.accuracy() > 0.85, "teacher accuracy on the slice " + teacher.accuracy());
        assertTrue(int8 != null && int8.accuracy() > 0.3, "int8 student accuracy " + (int8 == null ? null
                : int8.accuracy()) + ", chance is 0.1; log: " + log);
        double parity = Double.parseDouble(outcome.report().provenance().get(ProvenanceKeys.PARITY_MAX_ABS_LOGIT_DIFF));
        assertTrue(parity <= 1e-4, "DJL vs ONNX " + parity);
        assertTrue(outcome.report().provenance().get(ProvenanceKeys.TEACHER_BESIDE_TRAINING).endsWith(
                "s on the augmented views"), outcome.report().provenance().toString());
        assertTrue(log.stream().anyMatch(line -> line.contains("the teacher ran beside the training")), log.toString());
        assertTrue(log.stream().anyMatch(line -> line.contains("DequantizeLinear->Conv")
                || line.startsWith("distill: INT8: int8 tensors")), log.toString());

        Path folder = outcome.outputFolder();
        assertFalse(Files.exists(folder.resolve(ModelFolder.TOKENIZER)), "an image folder has no tokenizer");
        ImagePreprocessing teacherPreprocessing = ImagePreprocessing.read(
                fashion().resolve("teacher/preprocessor_config.json"));
        try (ImageClassifier classifier = ImageClassifier.load(folder);
                OnnxImageModel fp32 = OnnxImageModel.load(outcome.reportFolder().resolve("student-fp32.onnx"),
                        teacherPreprocessing, List.of(ClassifierGraph.LOGITS), 1)) {
            assertEquals(teacherPreprocessing, classifier.preprocessing());
            assertEquals(List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker",
                    "bag", "ankle-boot"), classifier.labels());
            List<LabeledImage> images = ImageFolderReader.read(fashion().resolve("test"), classifier.config()
                    .label2id(), "label");
            float[][] pixels = images.stream().map(image -> classifier.preprocessing().pixels(image.file()))
                    .toArray(float[][]::new);
            float[][] shipped = classifier.logits(pixels);
            float[][] reference = fp32.forward(pixels);
            int agree = 0;
            int right = 0;
            for (int i = 0; i < shipped.length; i++) {
                int answer = dev.distill.runtime.Prediction.argmax(shipped[i]);
                agree += answer == dev.distill.runtime.Prediction.argmax(reference[i]) ? 1 : 0;
                right += answer == images.get(i).label() ? 1 : 0;
            }
            assertTrue(agree >= 0.95 * shipped.length, agree + " of " + shipped.length + " int8 answers are fp32's");
            assertEquals(int8.accuracy(), right / (double) shipped.length, 1e-9, "the report's figure is the runtime's");
            assertEquals(classifier.predict(images.get(0).file()).label(),
                    classifier.predictBatch(List.of(images.get(1).file(), images.get(0).file())).get(1).label());
            // Weight-only int8: an image's logits do not depend on the batch it is run in.
            assertArrayEquals(shipped[0], classifier.logits(new float[][] {pixels[0]})[0], 1e-4f);
        }
    }

    @Test
    void aClassFolderTheTeacherDoesNotKnowFailsNamingItBeforeTraining() throws IOException {
        Path root = EngineFixtures.targetDir("image-unknown-class");
        Path train = root.resolve("train");
        Path boots = Files.createDirectories(train.resolve("boots"));
        Path bag = Files.createDirectories(train.resolve("bag"));
        try (var files = Files.list(fashion().resolve("train/bag"))) {
            for (Path file : files.limit(2).toList()) {
                Files.copy(file, bag.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        DistillationPlan plan = plan(root, train);
        String message = assertThrows(DataFileException.class, () -> new Distiller(line -> { }).run(plan))
                .getMessage();
        assertTrue(message.startsWith(boots.toString()) && message.contains("label2id"), message);
    }

    @Test
    void theTeacherGivesTheFeatureMapItPoolsAndTheSameLogits() throws IOException {
        try (OnnxImageTeacher teacher = OnnxImageTeacher.open(fashion().resolve("teacher"), 1)) {
            List<LabeledImage> images = ImageFolderReader.read(fashion().resolve("test"), teacher.label2id(), "label")
                    .subList(0, 12);
            float[][] pixels = images.stream().map(image -> teacher.preprocessing().pixels(image.file()))
                    .toArray(float[][]::new);
            long[] map = teacher.featureMapShape();
            assertEquals(3, map.length, Arrays.toString(map));
            assertEquals(7, map[1], "the ResNet's last stage of a 28x28 image: " + Arrays.toString(map));
            TeacherRows rows = teacher.rows(pixels, Set.of(Signal.FEATURE_MAP));
            FloatTensor features = rows.signals().get(Signal.FEATURE_MAP);
            assertArrayEquals(new long[] {pixels.length, map[0], map[1], map[2]}, features.shape());
            float[][] plain = teacher.logits(pixels);
            for (int i = 0; i < plain.length; i++) {
                assertArrayEquals(plain[i], rows.logits()[i], 1e-5f, "image " + i);
            }
            // The map is the last stage after its ReLU: the pooled vector the head reads is its spatial mean.
            assertTrue(IntStream.range(0, features.values().length).allMatch(i -> features.values()[i] >= 0f));
            assertTrue(IntStream.range(0, features.values().length).anyMatch(i -> features.values()[i] > 0f));
        }
    }

    @Test
    void withTheFeatureMapTermTheStudentsLastStageLearnsTheTeachersMap() throws IOException {
        Path root = EngineFixtures.targetDir("image-feature-map");
        List<String> log = new ArrayList<>();
        TrainingConfig training = training().hiddenWeight(1f).build();
        DistillOutcome outcome = new Distiller(log::add).run(plan(root, fashion().resolve("train"), training));

        assertTrue(log.stream().anyMatch(line -> line.startsWith("distill: feature-map term: weight 1.0: the"
                + " student's last stage")), log.toString());
        assertTrue(outcome.report().provenance().get(ProvenanceKeys.HIDDEN_WEIGHT).contains("feature map [128, 7, 7]"),
                outcome.report().provenance().toString());
        List<EpochSummary> epochs = outcome.report().epochs();
        double first = term(epochs.get(0), FeatureMapTerm.NAME);
        double last = term(epochs.get(epochs.size() - 1), FeatureMapTerm.NAME);
        assertTrue(last < first && first <= 4.0, "the feature-map term's value by epoch: " + first + " ... " + last);
        // The adapter is training's alone: the exported graph is the student's, and agrees with DJL.
        double parity = Double.parseDouble(outcome.report().provenance().get(ProvenanceKeys.PARITY_MAX_ABS_LOGIT_DIFF));
        assertTrue(parity <= 1e-4, "DJL vs ONNX " + parity);
        ModelEvaluation int8 = outcome.report().model(ModelRole.STUDENT_INT8);
        assertTrue(int8.accuracy() > 0.3, "int8 student accuracy " + int8.accuracy() + "; log: " + log);
    }

    @Test
    void aStudentWhoseLastStageDoesNotFitTheTeachersMapIsRefusedNamingBothSizes() {
        ImageCnnArchitecture architecture = new ImageCnnArchitecture();
        ImageCnnStudent student = architecture.create(architecture.graph(new StudentPlan(Architecture.IMAGE_CNN,
                128, 32, new int[] {3}, 1, 4, 64, Embeddings.AUTO), 1, 28, 28, 10));
        String message = assertThrows(IllegalArgumentException.class,
                () -> student.adaptFeaturesTo(new long[] {128, 5, 5})).getMessage();
        assertTrue(message.contains("[128, 5, 5]") && message.contains("7x7 for 28x28 images")
                && message.contains("set hiddenWeight = 0"), message);
        student.adaptFeaturesTo(new long[] {64, 7, 7});
    }

    @Test
    void aFeatureMapWeightWithATeacherThatPoolsNoFeatureMapFailsNamingTheTeacherAndTheFix() throws IOException {
        // The committed ResNet with its global average pooling turned into a max pooling: same logits' shape, but no
        // averaged feature map for the head to read.
        Path folder = EngineFixtures.targetDir("image-max-pool-teacher");
        ModelProto model = OnnxModels.read(fashion().resolve("teacher/model.onnx"));
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            if (graph.getNode(i).getOpType().equals("GlobalAveragePool")) {
                graph.setNode(i, graph.getNode(i).toBuilder().setOpType("GlobalMaxPool"));
            }
        }
        OnnxModels.write(model.toBuilder().setGraph(graph).build(), folder.resolve("model.onnx"));
        for (String file : List.of("config.json", "preprocessor_config.json")) {
            Files.copy(fashion().resolve("teacher").resolve(file), folder.resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ImageCnnArchitecture architecture = new ImageCnnArchitecture();
        try (OnnxImageTeacher teacher = OnnxImageTeacher.open(folder, 1)) {
            ImageCnnStudent student = architecture.create(architecture.graph(new StudentPlan(Architecture.IMAGE_CNN,
                    128, 32, new int[] {3}, 1, 4, 64, Embeddings.AUTO), 1, 28, 28, 10));
            String message = assertThrows(IllegalArgumentException.class,
                    () -> FeatureMapChoice.of(training().hiddenWeight(2f).build(), teacher, student)).getMessage();
            assertTrue(message.startsWith("hiddenWeight = 2.0 asks for the feature-map term, but ")
                    && message.contains(folder.resolve("model.onnx").toString())
                    && message.contains("a GlobalMaxPool node"), message);
            FeatureMapChoice unset = FeatureMapChoice.of(training().build(), teacher, student);
            assertEquals(0f, unset.training().hiddenWeight());
            assertTrue(unset.explanation().startsWith("off"), unset.explanation());
        }
    }

    private static double term(EpochSummary epoch, String name) {
        return epoch.lossTerms().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("epoch " + epoch.epoch() + " has no term '" + name + "': "
                        + epoch.lossTerms()))
                .value();
    }

    private static TrainingConfig.Builder training() {
        return TrainingConfig.builder().epochs(3).batchSize(32).alpha(0.7f).temperature(2f)
                .learningRate(3e-3f).seed(3).patience(0).threads(1).dropout(0f);
    }

    private static DistillationPlan plan(Path root, Path train) {
        return plan(root, train, training().build());
    }

    private static DistillationPlan plan(Path root, Path train, TrainingConfig training) {
        DataSpec data = DataSpec.of(train, "text", "label").withDev(fashion().resolve("test"));
        return new DistillationPlan("fashion",
                List.of(new TeacherSpec(fashion().resolve("teacher"), null, Head.CLASSIFIER, 0, 1, 32,
                        root.resolve("probe"), SoftmaxRegression.Options.defaults(1))),
                new FixedEnsembleWeights(new double[] {1}), data,
                new StudentPlan(Architecture.IMAGE_CNN, 128, 32, new int[] {3}, 1, 4, 64, Embeddings.AUTO), null,
                training, AugmentOptions.tang(0, 3), Quantization.INT8, false, 0.0, new Thresholds(1e-4, 0.9, 0.1),
                1, root.resolve("classes/fashion"), root.resolve("work"), null,
                Map.of("student.architecture", "IMAGE_CNN"), Map.of());
    }
}
