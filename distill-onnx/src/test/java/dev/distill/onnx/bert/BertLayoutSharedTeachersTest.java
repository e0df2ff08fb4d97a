package dev.distill.onnx.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.onnx.Close;
import dev.distill.onnx.GraphOutputs;
import dev.distill.onnx.Ort;
import org.junit.jupiter.api.Test;

/**
 * The layouts of the classifier teachers in ../shared (skipped without it): the fp32 HF-style export
 * {@code sst2-minilm} (its own initializer names, a Range for the positions, a Gemm head) and {@code
 * agnews-bge-probe}, the 12-layer bge-small-en-v1.5 int8 encoder with a MatMul + Add probe.
 */
class BertLayoutSharedTeachersTest {

    /** Float against float: only summation order differs (measured 5e-6). */
    private static final double FP32_TOLERANCE = 1e-4;

    @Test
    void theFloatSst2TeacherIsReadAndItsLogitsAndLayerStatesAreReproduced() {
        ModelProto teacher = BertFixtures.sharedTeacher("sst2-minilm");
        BertWeights weights = BertLayout.read(teacher, "sst2-minilm/model.onnx");
        assertEquals(6, weights.layers().size());
        assertEquals(12, weights.heads());
        assertEquals(1536, weights.feedForward());
        BertHead head = weights.head().orElseThrow();
        assertEquals(Pooling.MASKED_MEAN, head.pooling());
        assertArrayEquals(new long[] {2, 384}, head.classifier().weightShape());
        assertFalse(weights.layers().get(0).query().quantized());

        BertReference reference = new BertReference(weights, false);
        BertBatch batch = BertBatch.texts();
        try (Ort session = Ort.of(teacher)) {
            Close.assertClose(batch.logits(reference), batch.logits(session), FP32_TOLERANCE, "logits");
        }
        int k = 2;
        ModelProto exposed = GraphOutputs.withOutput(teacher, weights.layers().get(k - 1).output(), "layer_k");
        exposed = GraphOutputs.withOutput(exposed, weights.embeddings().output(), "embedded");
        try (Ort session = Ort.of(exposed)) {
            double layer = batch.maxDifference(batch.hidden(reference, k), batch.hidden(session, "layer_k"));
            double embedded = batch.maxDifference(batch.hidden(reference, 0), batch.hidden(session, "embedded"));
            assertTrue(layer <= FP32_TOLERANCE && embedded <= FP32_TOLERANCE,
                    "max difference after layer " + k + ": " + layer + ", after the embeddings: " + embedded);
        }
    }

    @Test
    void theTwelveLayersOfTheInt8BgeSmallProbeAreReadAndReproduced() {
        ModelProto teacher = BertFixtures.sharedTeacher("agnews-bge-probe");
        BertWeights weights = BertLayout.read(teacher, "agnews-bge-probe/model.onnx");
        assertEquals(12, weights.layers().size());
        assertEquals(384, weights.hidden());
        assertEquals(12, weights.heads());
        assertEquals(1536, weights.feedForward());
        BertHead head = weights.head().orElseThrow();
        assertEquals(Pooling.MASKED_MEAN, head.pooling());
        assertEquals(4, head.classifier().outputs());
        assertTrue(weights.layers().get(11).value().quantized());

        BertReference reference = new BertReference(weights, true);
        BertBatch batch = BertBatch.texts();
        try (Ort session = Ort.of(teacher)) {
            for (int row = 0; row < batch.rows(); row++) {
                BertBatch text = batch.row(row);
                // See BertLayoutTest.INT8_TOLERANCE: each text alone, activations rounded as ONNX Runtime does.
                Close.assertClose(text.logits(reference), text.logits(session), BertLayoutTest.INT8_TOLERANCE,
                        "logits of text " + row);
            }
        }
    }
}
