package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.distill.nativelib.OnnxRuntimeNatives;
import dev.distill.runtime.data.DataFileException;
import dev.distill.runtime.data.ImageFolderReader;
import dev.distill.runtime.data.LabeledImage;
import dev.distill.runtime.eval.Accuracy;
import dev.distill.runtime.testing.TestPaths;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImageClassifier} on the real Fashion-MNIST teacher (a ResNet-style CNN, committed under
 * testdata/fashion-mnist/teacher) and the committed slice of its test images: the classifier's preprocessing and
 * labels against ONNX Runtime fed tensors computed here from the PNG bytes and the numbers of its
 * preprocessor_config.json, and bad images named.
 */
class ImageClassifierTest {

    private static final ClassifierOptions ONE_THREAD = ClassifierOptions.builder().intraOpThreads(1).build();

    @TempDir
    Path dir;

    private static Path teacher() {
        return TestPaths.testdata().resolve("fashion-mnist/teacher");
    }

    @Test
    void theTeacherGivesWhatOnnxRuntimeGivesOnTensorsMadeByHandAndItsClassesComeFromLabel2id() throws Exception {
        try (ImageClassifier classifier = ImageClassifier.load(teacher(), ONE_THREAD)) {
            List<LabeledImage> images = ImageFolderReader.read(TestPaths.testdata().resolve("fashion-mnist/test"),
                    classifier.config().label2id(), "label");
            assertEquals(200, images.size());
            // Folders sort ankle-boot, bag, coat, ... but t-shirt is 0 and ankle-boot 9 for the teacher.
            assertEquals(9, images.get(0).label());
            float[][] byHand = byHand(images);
            float[][] expected = ortLogits(byHand);
            float[][] pixels = new float[images.size()][];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = classifier.preprocessing().pixels(images.get(i).file());
                assertArrayEquals(byHand[i], pixels[i], 1e-6f, images.get(i).file().toString());
            }
            float[][] logits = classifier.logits(pixels);
            int[] gold = images.stream().mapToInt(LabeledImage::label).toArray();
            for (int i = 0; i < logits.length; i++) {
                assertArrayEquals(expected[i], logits[i], 1e-4f, images.get(i).file().toString());
            }
            double accuracy = Accuracy.of(gold, predicted(logits));
            assertEquals(Accuracy.of(gold, predicted(expected)), accuracy);
            System.out.printf("fashion-resnet on the 200 committed test images: accuracy %.4f%n", accuracy);
            assertTrue(accuracy > 0.85, "accuracy " + accuracy);

            Path one = images.get(0).file();
            Prediction fromPath = classifier.predict(one);
            assertEquals("ankle-boot", fromPath.label());
            assertEquals(fromPath, classifier.predict(Files.readAllBytes(one)));
            assertEquals(fromPath, classifier.predict(ImageIO.read(one.toFile())));
        }
    }

    @Test
    void aBatchLargerThanTheBatchSizeGivesWhatEachImageGivesAlone() throws IOException {
        try (ImageClassifier classifier = ImageClassifier.load(teacher(),
                ClassifierOptions.builder().intraOpThreads(1).batchSize(7).build())) {
            List<Path> files = ImageFolderReader.read(TestPaths.testdata().resolve("fashion-mnist/test"),
                    classifier.config().label2id(), "label").stream().limit(30).map(LabeledImage::file).toList();
            List<Prediction> together = classifier.predictBatch(files);
            for (int i = 0; i < files.size(); i++) {
                assertEquals(classifier.predict(files.get(i)).label(), together.get(i).label(), files.get(i)
                        .toString());
            }
            classifier.close();
            String message = assertThrows(IllegalStateException.class, () -> classifier.predict(files.get(0)))
                    .getMessage();
            assertTrue(message.contains("closed"), message);
            assertEquals(10, classifier.labels().size());
        }
    }

    @Test
    void imagesOfAnotherSizeOrChannelsAndFilesThatAreNoImagesAreNamed() throws IOException {
        try (ImageClassifier classifier = ImageClassifier.load(teacher(), ONE_THREAD)) {
            Path big = dir.resolve("big.png");
            ImageIO.write(new BufferedImage(32, 30, BufferedImage.TYPE_BYTE_GRAY), "png", big.toFile());
            String message = assertThrows(IllegalArgumentException.class, () -> classifier.predict(big)).getMessage();
            assertTrue(message.contains(big.toString()) && message.contains("is 32x30") && message.contains("28x28")
                    && message.contains("resize it"), message);
            Path colour = dir.resolve("colour.png");
            ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB), "png", colour.toFile());
            message = assertThrows(IllegalArgumentException.class, () -> classifier.predict(colour)).getMessage();
            assertTrue(message.contains(colour.toString()) && message.contains("3 colour channels")
                    && message.contains("grayscale"), message);
            Path text = Files.writeString(dir.resolve("not-an-image.png"), "hello");
            message = assertThrows(IllegalArgumentException.class, () -> classifier.predict(text)).getMessage();
            assertTrue(message.contains("cannot read the image " + text), message);
        }
    }

    @Test
    void aClassFolderTheTeacherDoesNotKnowAndABadCsvLineAreNamed() throws IOException {
        Map<String, Integer> label2id = ModelConfig.read(teacher().resolve("config.json")).label2id();
        Path unknown = Files.createDirectories(dir.resolve("split/boots"));
        String message = assertThrows(DataFileException.class,
                () -> ImageFolderReader.read(dir.resolve("split"), label2id, "label")).getMessage();
        assertTrue(message.startsWith(unknown.toString()) && message.contains("'boots'")
                && message.contains("ankle-boot"), message);
        Path csv = Files.writeString(dir.resolve("images.csv"), "path,label\nsplit/a.png,bag\n");
        message = assertThrows(DataFileException.class, () -> ImageFolderReader.read(csv, label2id, "label"))
                .getMessage();
        assertTrue(message.startsWith(csv + ":2: the image ") && message.contains("does not exist"), message);
        Path sample = TestPaths.testdata().resolve("fashion-mnist/test/bag").toAbsolutePath();
        Path first = Files.list(sample).sorted().findFirst().orElseThrow();
        Path good = Files.writeString(dir.resolve("good.csv"), "label,path\nbag," + first + "\n");
        List<LabeledImage> read = ImageFolderReader.read(good, label2id, "label");
        assertEquals(List.of(new LabeledImage(first, 8, good + ":2")), read);
    }

    /** The whole shared test set reproduces the teacher's recorded test accuracy (skipped without ../shared). */
    @Test
    void theTeacherReproducesItsRecordedAccuracyOnTheSharedTestImages() throws IOException {
        Path shared = TestPaths.sharedOrSkip();
        Path folder = shared.resolve("teachers/fashion-resnet");
        double recorded = JsonParser.parseString(Files.readString(folder.resolve("config.json"))).getAsJsonObject()
                .get("test_accuracy").getAsDouble();
        try (ImageClassifier classifier = ImageClassifier.load(folder, ONE_THREAD)) {
            List<LabeledImage> images = ImageFolderReader.read(shared.resolve("data/fashion-mnist/test"),
                    classifier.config().label2id(), "label");
            assertEquals(5000, images.size());
            float[][] pixels = new float[images.size()][];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = classifier.preprocessing().pixels(images.get(i).file());
            }
            double accuracy = Accuracy.of(images.stream().mapToInt(LabeledImage::label).toArray(),
                    predicted(classifier.logits(pixels)));
            System.out.printf("fashion-resnet on the 5,000 shared test images: accuracy %.4f%n", accuracy);
            assertEquals(recorded, accuracy, 1e-9);
        }
    }

    /** (pixel * rescale_factor - mean) / std from the raster's bytes, with the numbers read from the JSON here. */
    private static float[][] byHand(List<LabeledImage> images) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(teacher().resolve("preprocessor_config.json")))
                .getAsJsonObject();
        float rescale = json.get("rescale_factor").getAsFloat();
        float mean = json.getAsJsonArray("image_mean").get(0).getAsFloat();
        float std = json.getAsJsonArray("image_std").get(0).getAsFloat();
        float[][] out = new float[images.size()][28 * 28];
        for (int i = 0; i < out.length; i++) {
            BufferedImage image = ImageIO.read(images.get(i).file().toFile());
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    out[i][y * 28 + x] = (image.getRaster().getSample(x, y, 0) * rescale - mean) / std;
                }
            }
        }
        return out;
    }

    private static float[][] ortLogits(float[][] pixels) throws Exception {
        OnnxRuntimeNatives.load();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = environment.createSession(teacher().resolve("model.onnx").toString(), options)) {
                List<float[]> out = new ArrayList<>();
                for (float[] image : pixels) {
                    try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(image),
                            new long[] {1, 1, 28, 28});
                            OrtSession.Result result = session.run(Map.of("pixel_values", tensor))) {
                        out.add(((float[][]) result.get(0).getValue())[0]);
                    }
                }
                return out.toArray(new float[0][]);
            }
        }
    }

    private static int[] predicted(float[][] logits) {
        int[] out = new int[logits.length];
        for (int i = 0; i < logits.length; i++) {
            for (int c = 1; c < logits[i].length; c++) {
                if (logits[i][c] > logits[i][out[i]]) {
                    out[i] = c;
                }
            }
        }
        return out;
    }
}
