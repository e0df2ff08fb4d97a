package dev.distill.engine.student.imagecnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.contract.ClassifierGraph;
import dev.distill.engine.student.StudentPlan;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.runtime.OnnxImageModel;
import dev.distill.runtime.image.ImagePreprocessing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image CNN's DJL network against its ONNX graph with BatchNorm folded in: BatchNorm's scale, shift and running
 * statistics set away from their initial values, so that the fold is what is checked; its sizes and tensors.
 */
class ImageCnnStudentTest {

    private static final ImagePreprocessing GRAY = new ImagePreprocessing(1, 12, 12, 1f / 255, new float[] {0.3f},
            new float[] {0.4f});

    @Test
    void theFoldedOnnxGraphGivesTheDjlNetworksInferenceLogits(@TempDir Path dir) throws IOException {
        ImageCnnGraph graph = new ImageCnnArchitecture().graph(plan(2, 16), 1, 12, 12, 5);
        float[][] images = images(9, 1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ImageCnnStudent student = new ImageCnnArchitecture().create(graph);
            student.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 12, 12));
            Random random = new Random(7);
            for (Pair<String, Parameter> pair : student.getParameters()) {
                String name = pair.getKey();
                NDArray array = pair.getValue().getArray();
                int n = (int) array.size();
                if (name.endsWith("runningVar") || name.endsWith("gamma")) {
                    array.set(manager.create(positive(random, n)).reshape(array.getShape()).toFloatArray());
                } else if (name.endsWith("runningMean") || name.endsWith("beta")) {
                    array.set(manager.create(gaussian(random, n)).reshape(array.getShape()).toFloatArray());
                }
            }
            ParameterStore store = new ParameterStore(manager, false);
            // A training pass first: it normalises with the batch's statistics and moves the running ones, which
            // inference and the export then read.
            float[] trainingPass = student.outputs(store, student.batch(images).toNDList(manager), true).logits()
                    .toFloatArray();
            float[] djl = student.outputs(store, student.batch(images).toNDList(manager), false).logits()
                    .toFloatArray();
            assertNotEquals(Arrays.toString(djl), Arrays.toString(trainingPass), "BatchNorm on the batch's statistics");
            Path model = dir.resolve("cnn.onnx");
            OnnxModels.write(StudentGraphs.fp32(graph, student.exportWeights(), Map.of()), model);
            Set<String> ops = OnnxModels.read(model).getGraph().getNodeList().stream().map(n -> n.getOpType())
                    .collect(Collectors.toSet());
            assertTrue(ops.containsAll(Set.of("Conv", "Relu", "Add", "GlobalAveragePool")) && !ops.contains(
                    "BatchNormalization"), ops.toString());
            try (OnnxImageModel onnx = OnnxImageModel.load(model, GRAY, List.of(ClassifierGraph.LOGITS), 1)) {
                float[][] out = onnx.forward(images);
                for (int i = 0; i < images.length; i++) {
                    assertArrayEquals(Arrays.copyOfRange(djl, i * 5, (i + 1) * 5), out[i], 1e-4f, "image " + i);
                }
                assertArrayEquals(out[3], onnx.forward(new float[][] {images[3]})[0], 1e-5f, "a batch of one");
            }
        }
    }

    @Test
    void hiddenSizeIsTheLastStagesWidthAndLayersZeroIsOneBlockPerStage() {
        ImageCnnGraph graph = new ImageCnnArchitecture().graph(plan(0, 64), 1, 28, 28, 10);
        assertEquals(ImageCnnArchitecture.DEFAULT_BLOCKS, graph.blocks());
        assertEquals(List.of(16, 32, 64), List.of(graph.stageWidth(1), graph.stageWidth(2), graph.stageWidth(3)));
        assertEquals(List.of("stem", "stage1.block1.conv1", "stage1.block1.conv2", "stage2.block1.conv1",
                "stage2.block1.conv2", "stage2.block1.shortcut", "stage3.block1.conv1", "stage3.block1.conv2",
                "stage3.block1.shortcut"), graph.convolutions().stream().map(ImageCnnGraph.ConvSpec::name).toList());
        assertEquals(Architecture.IMAGE_CNN, graph.architecture());
        String message = assertThrows(IllegalArgumentException.class,
                () -> new ImageCnnArchitecture().graph(plan(1, 66), 1, 28, 28, 10)).getMessage();
        assertTrue(message.contains("multiple of 4"), message);
        message = assertThrows(UnsupportedOperationException.class, graph::sizes).getMessage();
        assertTrue(message.contains("no embedding table"), message);
    }

    private static StudentPlan plan(int layers, int hiddenSize) {
        return new StudentPlan(Architecture.IMAGE_CNN, 128, hiddenSize, new int[] {3}, layers, 4, 64, Embeddings.AUTO);
    }

    private static float[][] images(int count, long seed) {
        Random random = new Random(seed);
        float[][] images = new float[count][144];
        for (float[] image : images) {
            for (int p = 0; p < image.length; p++) {
                image[p] = (float) random.nextGaussian();
            }
        }
        return images;
    }

    private static float[] positive(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = 0.5f + random.nextFloat();
        }
        return values;
    }

    private static float[] gaussian(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (0.3 * random.nextGaussian());
        }
        return values;
    }
}
