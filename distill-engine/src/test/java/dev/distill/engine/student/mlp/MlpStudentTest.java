package dev.distill.engine.student.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.contract.ClassifierGraph;
import dev.distill.engine.student.StudentPlan;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.mlp.MlpGraph;
import dev.distill.runtime.OnnxTabularModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLP student's DJL network against its ONNX graph (the tabular counterpart of that check in
 * StudentArchitectureContract), its settings, its tensors and its dropout.
 */
class MlpStudentTest {

    private static final int FEATURES = 9;

    @Test
    void onnxGraphMatchesTheDjlNetworkOnRawValues(@TempDir Path dir) throws IOException {
        MlpGraph graph = new MlpArchitecture().graph(plan(0, 16), FEATURES, 4);
        float[][] rows = rows(50, 1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            MlpStudent student = created(manager, graph);
            float[] djl = student.outputs(new ParameterStore(manager, false), new FeatureRowBatch(rows)
                    .toNDList(manager), false).logits().toFloatArray();
            Path model = dir.resolve("mlp.onnx");
            OnnxModels.write(StudentGraphs.fp32(graph, student.exportWeights(), Map.of()), model);
            try (OnnxTabularModel onnx = OnnxTabularModel.load(model, List.of(ClassifierGraph.LOGITS), 1)) {
                float[][] out = onnx.forward(rows);
                for (int r = 0; r < rows.length; r++) {
                    float[] expected = java.util.Arrays.copyOfRange(djl, r * 4, (r + 1) * 4);
                    assertArrayEquals(expected, out[r], 1e-4f, "row " + r);
                }
            }
        }
        assertTrue(Files.size(dir.resolve("mlp.onnx")) > 0);
    }

    @Test
    void layersZeroIsTwoAndHiddenSizeIsTheWidth() {
        MlpGraph graph = new MlpArchitecture().graph(plan(0, 24), FEATURES, 3);
        assertEquals(MlpArchitecture.DEFAULT_LAYERS, graph.layers());
        assertEquals(24, graph.width());
        assertEquals(3, new MlpArchitecture().graph(plan(3, 24), FEATURES, 3).layers());
        assertEquals(Architecture.MLP, graph.architecture());
    }

    @Test
    void exportedTensorsAreTheGraphsAndTheStandardisationIsTheTrainingRows() {
        MlpGraph graph = new MlpArchitecture().graph(plan(1, 8), FEATURES, 2);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            MlpStudent student = created(manager, graph);
            assertEquals(List.copyOf(graph.tensorShapes().keySet()),
                    List.copyOf(student.exportWeights().tensors().keySet()));
            assertEquals(5f, student.exportWeights().get(MlpGraph.MEAN).data()[0]);
            String message = assertThrows(UnsupportedOperationException.class, () -> student.adaptPooledTo(4))
                    .getMessage();
            assertTrue(message.contains("hidden-state"), message);
        }
    }

    @Test
    void dropoutActsInTrainingPassesOnly() {
        MlpGraph graph = new MlpArchitecture().graph(plan(1, 32), FEATURES, 3);
        float[][] rows = rows(20, 2);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            MlpStudent student = new MlpArchitecture().create(graph, mean(), scale(), 0.5f);
            student.initialize(manager, DataType.FLOAT32, new Shape(1, FEATURES));
            ParameterStore store = new ParameterStore(manager, false);
            float[] a = student.outputs(store, new FeatureRowBatch(rows).toNDList(manager), false).logits()
                    .toFloatArray();
            float[] b = student.outputs(store, new FeatureRowBatch(rows).toNDList(manager), false).logits()
                    .toFloatArray();
            float[] trained = student.outputs(store, new FeatureRowBatch(rows).toNDList(manager), true).logits()
                    .toFloatArray();
            assertArrayEquals(a, b);
            assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(trained));
        }
    }

    private static MlpStudent created(NDManager manager, MlpGraph graph) {
        MlpStudent student = new MlpArchitecture().create(graph, mean(), scale(), 0f);
        student.initialize(manager, DataType.FLOAT32, new Shape(1, FEATURES));
        return student;
    }

    private static StudentPlan plan(int layers, int hiddenSize) {
        return new StudentPlan(Architecture.MLP, 128, hiddenSize, new int[] {3}, layers, 4, 64, Embeddings.AUTO);
    }

    /** Raw values around 5 with a spread of 3, as the standardisation below expects. */
    private static float[][] rows(int count, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[count][FEATURES];
        for (float[] row : rows) {
            for (int f = 0; f < FEATURES; f++) {
                row[f] = (float) (5 + 3 * random.nextGaussian());
            }
        }
        return rows;
    }

    private static float[] mean() {
        float[] mean = new float[FEATURES];
        java.util.Arrays.fill(mean, 5f);
        return mean;
    }

    private static float[] scale() {
        float[] scale = new float[FEATURES];
        java.util.Arrays.fill(scale, 1 / 3f);
        return scale;
    }
}
