package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import dev.distill.onnx.student.mlp.MlpGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TabularClassifier} on a distill MLP student graph whose weights compute a known function: with
 * {@code fc1 = [I; -I]} and {@code out = [W, -W]}, {@code out(relu(fc1(x))) = W x}, so the logits are
 * {@code (a - b, b - a)} of the raw features {@code (a, b, c)} after the graph's standardisation.
 */
class TabularClassifierTest {

    private static final List<String> FEATURES = List.of("a", "b", "c");

    @TempDir
    Path dir;

    @Test
    void predictsByPositionAndByNameWithTheStandardisationInTheGraph() throws IOException {
        try (TabularClassifier classifier = TabularClassifier.load(folder(true))) {
            assertEquals(List.of("first", "second"), classifier.labels());
            assertEquals(FEATURES, classifier.featureNames());
            // standardised: a' = (10 - 10) / 2 = 0, b' = (4 - 2) / 1 = 2: logits (-2, 2)
            assertArrayEquals(new float[] {-2f, 2f}, classifier.logits(new float[][] {{10, 4, 7}})[0], 1e-5f);
            assertEquals("second", classifier.predict(new float[] {10, 4, 7}).label());
            assertEquals("first", classifier.predict(Map.of("a", 20.0, "b", 2.0, "c", 0.0)).label());
            assertEquals(classifier.predict(new float[] {12, 3, 1}),
                    classifier.predict(Map.of("c", 1.0, "b", 3.0, "a", 12.0)));
        }
    }

    @Test
    void aBatchLargerThanTheBatchSizeGivesWhatEachRowGivesAlone() throws IOException {
        Random random = new Random(3);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            rows.add(new float[] {random.nextFloat() * 20, random.nextFloat() * 4, random.nextFloat()});
        }
        try (TabularClassifier classifier = TabularClassifier.load(folder(true),
                ClassifierOptions.builder().batchSize(16).build())) {
            List<Prediction> together = classifier.predictBatch(rows);
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(classifier.predict(rows.get(i)).label(), together.get(i).label(), "row " + i);
            }
        }
    }

    @Test
    void unknownMissingAndWronglySizedRowsAreNamed() throws IOException {
        try (TabularClassifier classifier = TabularClassifier.load(folder(true))) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> classifier.predict(Map.of("a", 1.0, "B", 2.0))).getMessage();
            assertEquals("the row names unknown features [B] and lacks the features [b, c]; the model reads 3"
                    + " features [a, b, c]", message);
            message = assertThrows(IllegalArgumentException.class, () -> classifier.predict(new float[] {1, 2}))
                    .getMessage();
            assertTrue(message.contains("2 values") && message.contains("3 features [a, b, c]"), message);
            classifier.close();
            message = assertThrows(IllegalStateException.class, () -> classifier.predict(new float[] {1, 2, 3}))
                    .getMessage();
            assertTrue(message.contains("closed"), message);
            assertEquals(FEATURES, classifier.featureNames());
        }
    }

    @Test
    void aBundledClassifierLoadsFromTheClassPathByName() throws IOException {
        Path folder = folder(true);
        Path classes = dir.resolve("classes");
        Path bundled = Files.createDirectories(classes.resolve(ModelFolder.resourceFolder("covertype")));
        for (String file : ModelFolder.TABULAR_FILES) {
            Files.copy(folder.resolve(file), bundled.resolve(file));
        }
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
                null);
                TabularClassifier classifier = TabularClassifier.load("covertype", loader, ClassifierOptions.defaults())) {
            assertEquals("second", classifier.predict(new float[] {10, 4, 7}).label());
        }
    }

    @Test
    void aFolderWithoutFeatureNamesIsRefusedWithTheFix() throws IOException {
        Path folder = folder(false);
        String message = assertThrows(ModelLoadException.class, () -> TabularClassifier.load(folder)).getMessage();
        assertTrue(message.contains("has no feature_names") && message.contains("\"feature_names\": ["), message);
    }

    private Path folder(boolean withFeatureNames) throws IOException {
        MlpGraph graph = new MlpGraph(3, 2, 1, 6);
        float[] fc1 = new float[6 * 3];
        for (int i = 0; i < 3; i++) {
            fc1[i * 3 + i] = 1;
            fc1[(3 + i) * 3 + i] = -1;
        }
        float[] w = {1, -1, 0, -1, 1, 0};
        float[] out = new float[2 * 6];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 3; i++) {
                out[c * 6 + i] = w[c * 3 + i];
                out[c * 6 + 3 + i] = -w[c * 3 + i];
            }
        }
        StudentWeights weights = StudentWeights.of(List.of(
                Tensor.of(MlpGraph.MEAN, new float[] {10, 2, 0}, 3), Tensor.of(MlpGraph.SCALE, new float[] {0.5f, 1, 1}, 3),
                Tensor.of("fc1.w", fc1, 6, 3), Tensor.of("fc1.b", new float[6], 6),
                Tensor.of("out.w", out, 2, 6), Tensor.of("out.b", new float[2], 2)));
        Path folder = Files.createDirectories(dir.resolve(withFeatureNames ? "mlp" : "mlp-unnamed"));
        OnnxModels.write(StudentGraphs.fp32(graph, weights, Map.of()), folder.resolve(ModelFolder.MODEL));
        String config = withFeatureNames
                ? ModelFolder.tabularConfigJson(List.of("first", "second"), FEATURES, "test", new JsonObject())
                : ModelFolder.configJson(List.of("first", "second"), 2, "test", new JsonObject());
        Files.writeString(folder.resolve(ModelFolder.CONFIG), config);
        return folder;
    }
}
