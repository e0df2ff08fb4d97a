package dev.distill.engine.student.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.distill.engine.student.StudentArchitectureContract;
import dev.distill.nativelib.OnnxRuntimeNatives;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.student.RandomStudents;
import dev.distill.onnx.student.StudentGraphs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ONNX Runtime makes of the transformer's graph when it optimizes it for the CPU. */
class TransformerFusionTest {

    @TempDir
    Path folder;

    /**
     * What ONNX Runtime 1.28 fuses on the CPU, measured: each layer's bias Add and erf GELU become one
     * {@code com.microsoft.BiasGelu}, and each layer's query-key MatMul takes the 1/sqrt(d) scale into a
     * {@code com.microsoft.FusedMatMul}. The LayerNorms already are single {@code LayerNormalization} kernels; ONNX
     * Runtime's own optimizer makes {@code SkipLayerNormalization} only of inputs whose sequence length is fixed
     * and {@code Attention} only at older opsets, so a graph with a dynamic sequence keeps those parts as written
     * (the Python transformers optimizer fuses them offline).
     */
    @Test
    void onnxRuntimeFusesTheBiasGeluAndTheScaledScoresOfEveryLayer() throws OrtException, IOException {
        TransformerGraph shape = StudentArchitectureContract.smallGraph(new TransformerArchitecture());
        ModelProto fp32 = StudentGraphs.fp32(shape, RandomStudents.weights(shape, 3), Map.of());
        Map<String, Integer> before = opCounts(fp32);
        Map<String, Integer> after = opCounts(optimized(fp32));
        String what = "before " + before + ", after " + after;
        int layers = shape.layers();

        assertEquals(layers, before.get("Erf"), what);
        assertEquals(layers, after.get("com.microsoft.BiasGelu"), what);
        assertFalse(after.containsKey("Erf"), what);
        assertEquals(layers, after.get("com.microsoft.FusedMatMul"), what);
        assertEquals(1 + 2 * layers, after.get("LayerNormalization"), what);
        // Each layer: query, key, value, attention output, intermediate, output; the two score MatMuls per layer
        // are the query-key one (fused) and the weights-values one.
        assertEquals(6 * layers + 2 * layers, before.get("MatMul"), what);
        assertEquals(6 * layers + layers, after.get("MatMul"), what);
    }

    private ModelProto optimized(ModelProto model) throws OrtException, IOException {
        OnnxRuntimeNatives.load();
        Path file = folder.resolve("optimized.onnx");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setOptimizedModelFilePath(file.toString());
            try (OrtSession session = OrtEnvironment.getEnvironment().createSession(OnnxModels.toBytes(model), options)) {
                assertTrue(Files.size(file) > 0);
            }
        }
        return ModelProto.parseFrom(Files.readAllBytes(file));
    }

    private static Map<String, Integer> opCounts(ModelProto model) {
        Map<String, Integer> counts = new TreeMap<>();
        for (NodeProto node : model.getGraph().getNodeList()) {
            counts.merge((node.getDomain().isEmpty() ? "" : node.getDomain() + ".") + node.getOpType(), 1, Integer::sum);
        }
        return counts;
    }
}
