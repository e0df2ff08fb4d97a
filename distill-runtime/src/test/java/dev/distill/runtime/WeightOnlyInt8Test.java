package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.runtime.data.ImageFolderReader;
import dev.distill.runtime.data.LabeledImage;
import dev.distill.runtime.testing.ClassifierFixture;
import dev.distill.runtime.testing.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A weight-only int8 model (the committed Fashion-MNIST teacher with its Conv weights int8, as distill ships an
 * image student) has its weights folded into floats when ONNX Runtime loads it, unless told not to: checked on the
 * graph ONNX Runtime optimized, and on the answers, which must be the graph's own.
 */
class WeightOnlyInt8Test {

    @TempDir
    static Path dir;

    private static Path teacher() {
        return TestPaths.testdata().resolve("fashion-mnist/teacher");
    }

    /** The teacher's folder with its model's Conv weights int8, dequantized into the float Convs. */
    private static synchronized Path int8Folder() throws Exception {
        Path folder = dir.resolve("int8");
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            ModelProto fp32 = OnnxModels.read(teacher().resolve(ModelFolder.MODEL));
            ModelProto int8 = new DynamicInt8Quantizer().withConvWeightsInt8(true).withMinDenseElements(0)
                    .withDenseWeightsOnly(true).quantize(fp32).model();
            OnnxModels.write(int8, folder.resolve(ModelFolder.MODEL));
            for (String file : List.of("config.json", "preprocessor_config.json")) {
                Files.copy(teacher().resolve(file), folder.resolve(file));
            }
        }
        return folder;
    }

    @Test
    void theGraphsOperatorTypesAreReadOffTheFileOrTheBytes() throws Exception {
        Path fp32 = teacher().resolve(ModelFolder.MODEL);
        GraphOps teacherOps = GraphOps.of(ModelBytes.onDisk(fp32));
        assertTrue(teacherOps.types().contains("Conv"), teacherOps.toString());
        assertFalse(teacherOps.dequantizesWeightsOnly(), "a float model: " + teacherOps);
        assertEquals(teacherOps, GraphOps.of(new ModelBytes("bytes", null, Files.readAllBytes(fp32))));

        GraphOps int8Ops = GraphOps.of(ModelBytes.onDisk(int8Folder().resolve(ModelFolder.MODEL)));
        assertTrue(int8Ops.types().containsAll(List.of("Conv", "DequantizeLinear")), int8Ops.toString());
        assertTrue(int8Ops.dequantizesWeightsOnly(), int8Ops.toString());
    }

    @Test
    void aModelThatQuantizesAnActivationIsLeftToOnnxRuntimesQdqFusions() {
        ModelProto qdq = ModelProto.newBuilder().setGraph(GraphProto.newBuilder()
                .addNode(NodeProto.newBuilder().setOpType("QuantizeLinear"))
                .addNode(NodeProto.newBuilder().setOpType("DequantizeLinear"))
                .addNode(NodeProto.newBuilder().setOpType("Conv"))).build();
        GraphOps ops = GraphOps.of(new ModelBytes("qdq", null, qdq.toByteArray()));
        assertEquals(Set.of("QuantizeLinear", "DequantizeLinear", "Conv"), ops.types());
        assertFalse(ops.dequantizesWeightsOnly());
    }

    @Test
    void aModelThatComputesInIntegersKeepsOnnxRuntimesHandling() {
        // langchain4j's int8 MiniLM: dynamically quantized MatMulInteger layers.
        GraphOps encoder = GraphOps.of(ModelBytes.onDisk(ClassifierFixture.encoder()));
        assertTrue(encoder.types().contains("MatMulInteger"), encoder.toString());
        assertFalse(encoder.dequantizesWeightsOnly(), encoder.toString());
        for (String op : List.of("DynamicQuantizeLinear", "MatMulInteger", "QLinearConv", "QAttention",
                "DynamicQuantizeMatMul", "MatMulNBits")) {
            ModelProto model = ModelProto.newBuilder().setGraph(GraphProto.newBuilder()
                    .addNode(NodeProto.newBuilder().setOpType("DequantizeLinear"))
                    .addNode(NodeProto.newBuilder().setOpType(op))).build();
            assertFalse(GraphOps.of(new ModelBytes(op, null, model.toByteArray())).dequantizesWeightsOnly(), op);
        }
    }

    @Test
    void bytesThatAreNotAModelHaveNoOperators() {
        GraphOps ops = GraphOps.of(new ModelBytes("text", null,
                "not an onnx model at all".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Set.of(), ops.types());
    }

    @Test
    void onnxRuntimeFoldsTheDequantizationAtLoadUnlessToldNotTo() throws Exception {
        ModelBytes int8 = ModelBytes.onDisk(int8Folder().resolve(ModelFolder.MODEL));
        OrtEnvironment environment = OrtSessions.environment();
        for (boolean fold : new boolean[] {true, false}) {
            ClassifierOptions tuning = ClassifierOptions.builder().foldInt8Weights(fold)
                    .graphOptimization(GraphOptimization.BASIC).build();
            Path optimized = dir.resolve("optimized-" + fold + ".onnx");
            try (OrtSession.SessionOptions options = OrtSessions.options(int8, 1, tuning)) {
                options.setOptimizedModelFilePath(optimized.toString());
                environment.createSession(int8.path().toString(), options).close();
            }
            GraphOps ops = GraphOps.of(ModelBytes.onDisk(optimized));
            assertTrue(ops.types().contains("Conv"), ops.toString());
            assertEquals(!fold, ops.types().contains("DequantizeLinear"),
                    "foldInt8Weights " + fold + ": ONNX Runtime's optimized graph has " + ops);
        }
    }

    /**
     * Folded, the model computes what its graph says: the answers of the unoptimized graph, node by node. (Left to
     * ONNX Runtime's QDQ handling, the same graph's logits moved by up to 0.02 here.)
     */
    @Test
    void foldedWeightsGiveTheGraphAsWritten() throws Exception {
        ClassifierOptions folded = ClassifierOptions.builder().intraOpThreads(1).build();
        assertTrue(folded.foldInt8Weights(), "the default");
        ClassifierOptions asWritten = folded.toBuilder().graphOptimization(GraphOptimization.NONE).build();
        try (ImageClassifier a = ImageClassifier.load(int8Folder(), folded);
                ImageClassifier b = ImageClassifier.load(int8Folder(), asWritten)) {
            List<LabeledImage> images = ImageFolderReader.read(TestPaths.testdata().resolve("fashion-mnist/test"),
                    a.config().label2id(), "label");
            float[][] pixels = images.stream().map(image -> a.preprocessing().pixels(image.file()))
                    .toArray(float[][]::new);
            float[][] foldedLogits = a.logits(pixels);
            float[][] asWrittenLogits = b.logits(pixels);
            for (int i = 0; i < pixels.length; i++) {
                assertArrayEquals(asWrittenLogits[i], foldedLogits[i], 1e-4f, images.get(i).file().toString());
            }
        }
    }
}
