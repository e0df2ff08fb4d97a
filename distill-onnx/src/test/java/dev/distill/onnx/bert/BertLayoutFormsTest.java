package dev.distill.onnx.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.Close;
import dev.distill.onnx.GraphOutputs;
import dev.distill.onnx.Ort;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forms of a BERT graph that the real teachers do not use, each written into the fp32 sst2-minilm teacher of
 * ../shared (skipped without it) by {@link GraphRewrites} and read back: opset-17 {@code LayerNormalization},
 * weight-only int8 weights, {@code DynamicQuantizeMatMul}, the tanh form of GELU, and a head on the {@code [CLS]}
 * row.
 */
class BertLayoutFormsTest {

    private static ModelProto teacher;

    @BeforeAll
    static void load() {
        teacher = BertFixtures.sharedTeacher("sst2-minilm");
    }

    /**
     * The weights are int8 in the graph and float in the reference; an unoptimized session computes the graph's ops
     * as written (optimized, ONNX Runtime would quantize the MatMuls' inputs too).
     */
    @Test
    void fusedLayerNormsAndWeightOnlyInt8AreRead() {
        ModelProto rewritten = GraphRewrites.withWeightOnlyInt8(GraphRewrites.withFusedLayerNorms(teacher));
        assertEquals(13, rewritten.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("LayerNormalization")).count(), "1 + 2 per layer fused");
        assertTrue(rewritten.getGraph().getNodeList().stream().noneMatch(n -> n.getOpType().equals("Sqrt")));
        BertWeights weights = BertLayout.read(rewritten, "rewritten sst2-minilm");
        assertEquals(6, weights.layers().size());
        assertEquals(1e-12f, weights.layers().get(5).outputNorm().epsilon());
        assertTrue(weights.layers().get(0).feedForwardIn().quantized());
        assertFalse(weights.head().orElseThrow().classifier().quantized(), "the Gemm head stays float");

        BertBatch batch = BertBatch.texts();
        try (Ort session = Ort.unoptimized(rewritten)) {
            Close.assertClose(batch.logits(new BertReference(weights, false)), batch.logits(session), 1e-4, "logits");
        }
    }

    /**
     * Against ONNX Runtime's own arithmetic, each text alone and activations rounded as ONNX Runtime does (see
     * {@link BertLayoutTest#INT8_TOLERANCE}); unoptimized, because the optimizer fuses the attention into one op
     * that rounds differently (measured: 6e-3 optimized, 7e-7 unoptimized).
     */
    @Test
    void dynamicQuantizeMatMulIsRead() {
        ModelProto rewritten = GraphRewrites.withDynamicQuantizeMatMul(teacher);
        BertWeights weights = BertLayout.read(rewritten, "rewritten sst2-minilm");
        assertEquals(6, weights.layers().size());
        assertTrue(weights.layers().get(3).key().quantized());

        BertReference reference = new BertReference(weights, true);
        BertBatch batch = BertBatch.texts();
        try (Ort session = Ort.unoptimized(rewritten)) {
            for (int row = 0; row < batch.rows(); row++) {
                BertBatch text = batch.row(row);
                Close.assertClose(text.logits(reference), text.logits(session), BertLayoutTest.INT8_TOLERANCE,
                        "logits of text " + row);
            }
        }
    }

    @Test
    void aHeadOnTheClsRowIsRead() {
        BertWeights original = BertLayout.read(teacher, "sst2-minilm");
        String pooled = GraphOutputs.headInput(teacher, ClassifierGraph.LOGITS);
        ModelProto rewritten = GraphRewrites.withClsPooling(teacher, original.lastHiddenState(), pooled);
        BertWeights weights = BertLayout.read(rewritten, "rewritten sst2-minilm");
        assertEquals(Pooling.CLS, weights.head().orElseThrow().pooling());

        BertBatch batch = BertBatch.texts();
        try (Ort session = Ort.of(rewritten)) {
            Close.assertClose(batch.logits(new BertReference(weights, false)), batch.logits(session), 1e-4, "logits");
        }
    }

    /** The reference computes the form it was told; an exact GELU there would be 8e-4 off (measured). */
    @Test
    void theTanhFormOfGeluIsRecognised() {
        ModelProto rewritten = GraphRewrites.withTanhGelu(teacher);
        assertTrue(rewritten.getGraph().getNodeList().stream().noneMatch(n -> n.getOpType().equals("Erf")));
        BertWeights weights = BertLayout.read(rewritten, "rewritten sst2-minilm");
        weights.layers().forEach(layer -> assertEquals(Activation.GELU_TANH, layer.activation()));

        BertBatch batch = BertBatch.texts();
        try (Ort session = Ort.of(rewritten)) {
            Close.assertClose(batch.logits(new BertReference(weights, false)), batch.logits(session), 1e-4, "logits");
        }
    }
}
