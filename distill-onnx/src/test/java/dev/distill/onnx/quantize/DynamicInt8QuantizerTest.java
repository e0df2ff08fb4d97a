package dev.distill.onnx.quantize;

import static dev.distill.onnx.quantize.QuantizedAnswers.assertAgrees;
import static dev.distill.onnx.quantize.QuantizedAnswers.opTypes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.onnx.student.RandomStudents;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.MeanEmbeddingGraph;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * int8 models against their float originals, both run by ONNX Runtime, on {@link MeanEmbeddingGraph}: the quantizer's own
 * settings and report. Each student's int8 model is checked with the student, in the engine
 * ({@code StudentArchitectureContract} and the tests beside each architecture).
 */
class DynamicInt8QuantizerTest {

    @Test
    void defaultInt8IsSmallerAndAgreesWithFloat() {
        MeanEmbeddingGraph shape = MeanEmbeddingGraph.small();
        ModelProto fp32 = StudentGraphs.fp32(shape, RandomStudents.weights(shape, 20), Map.of());
        QuantizedModel int8 = new DynamicInt8Quantizer().quantize(fp32);

        assertAgrees("mean embedding default", fp32, int8.model(), 0.99, 0.2);
        assertTrue(int8.model().getSerializedSize() < fp32.getSerializedSize(),
                "int8 " + int8.model().getSerializedSize() + " bytes vs fp32 " + fp32.getSerializedSize());
        // The output layer is below the 16K weights of a dense layer worth quantizing.
        assertEquals(Set.of("embedding"), QuantizedAnswers.quantizedTensors(int8));
        assertTrue(opTypes(int8.model()).contains("Gemm"), opTypes(int8.model()).toString());
        assertEquals(int8.report().toJson(),
                QuantizedAnswers.metadata(int8.model()).get(DynamicInt8Quantizer.METADATA_KEY));
    }

    @Test
    void denseLayersOfAnySizeBecomeDynamicQuantizeMatMul() {
        MeanEmbeddingGraph shape = MeanEmbeddingGraph.small();
        ModelProto fp32 = StudentGraphs.fp32(shape, RandomStudents.unevenWeights(shape, 23), Map.of());
        QuantizedModel int8 = new DynamicInt8Quantizer().withMinDenseElements(0).quantize(fp32);

        assertAgrees("mean embedding all", fp32, int8.model(), 0.95, 0.35);
        Set<String> ops = opTypes(int8.model());
        assertTrue(ops.contains("DynamicQuantizeMatMul") && !ops.contains("Gemm"), ops.toString());
        assertEquals(Set.of("embedding", "out.w"), QuantizedAnswers.quantizedTensors(int8));
        for (QuantizationReport.Entry entry : int8.report().entries()) {
            assertTrue(entry.int8Bytes() < entry.fp32Bytes(), entry.toString());
        }
    }
}
