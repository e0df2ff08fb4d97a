package dev.distill.onnx.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.onnx.EncoderGraphs;
import dev.distill.onnx.GraphOutputs;
import dev.distill.onnx.OnnxTensors;
import dev.distill.onnx.Ort;
import dev.distill.onnx.WordEmbeddingTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

/**
 * The layout of the real all-MiniLM-L6-v2 int8 encoder (langchain4j's, dynamically quantized by ONNX Runtime's
 * quantizer: MatMulInteger layers, DequantizeLinear embeddings, decomposed layer norms), read and checked by a
 * plain-Java forward pass against ONNX Runtime.
 */
class BertLayoutTest {

    /**
     * Each text as its own batch (so that the one activation scale per tensor of {@code DynamicQuantizeLinear} is
     * the same in ONNX Runtime and the reference), with the reference rounding activations as ONNX Runtime does:
     * what is left is float summation order, and a value within rounding of a half step can land on the
     * neighbouring uint8 step in one and not the other, which moves an output by about one activation step times
     * a weight, ~1e-3. Measured: 2e-6 on MiniLM, 9e-4 on the 12 layers of bge-small.
     */
    static final double INT8_TOLERANCE = 2e-3;

    private static ModelProto encoder;
    private static BertWeights weights;

    @BeforeAll
    static void read() {
        encoder = BertFixtures.miniLmInt8();
        weights = BertLayout.read(encoder, "all-minilm-l6-v2-q.onnx");
    }

    @Test
    void theSizesAndPartsOfMiniLmL6AreRead() {
        assertEquals(6, weights.layers().size());
        assertEquals(384, weights.hidden());
        assertEquals(12, weights.heads());
        assertEquals(32, weights.headWidth());
        assertEquals(1536, weights.feedForward());
        assertEquals(512, weights.maxPositions());
        assertEquals(2, weights.embeddings().tokenType().orElseThrow().rows());
        assertEquals(EncoderGraphs.LAST_HIDDEN_STATE, weights.lastHiddenState());
        assertTrue(weights.head().isEmpty(), "an encoder has no classifier head");
        assertEquals(1e-12f, weights.embeddings().layerNorm().epsilon());
        WordEmbeddingTable word = WordEmbeddingTable.find(encoder).orElseThrow("minilm");
        assertArrayEquals(word.values(), weights.embeddings().word().values());
        for (BertLayerWeights layer : weights.layers()) {
            assertEquals(Activation.GELU_ERF, layer.activation());
            assertEquals(1e-12f, layer.attentionNorm().epsilon());
            assertEquals(1e-12f, layer.outputNorm().epsilon());
            assertTrue(layer.query().quantized() && layer.feedForwardOut().quantized(), "int8 MatMulInteger layers");
            assertArrayEquals(new long[] {1536, 384}, layer.feedForwardIn().weightShape());
            assertArrayEquals(new long[] {384, 1536}, layer.feedForwardOut().weightShape());
            assertArrayEquals(new long[] {384, 384}, layer.attentionOutput().weightShape());
        }
    }

    /** The strongest check: every tensor that was read takes part, so a wrong one would show. */
    @Test
    void aReferenceForwardPassOnTheReadWeightsComputesWhatOnnxRuntimeComputes() {
        BertReference reference = new BertReference(weights, true);
        BertBatch batch = BertBatch.texts();
        int middle = 3;
        ModelProto exposed = GraphOutputs.withOutput(encoder, weights.layers().get(middle - 1).output(), "middle");
        try (Ort session = Ort.of(exposed)) {
            for (int row = 0; row < batch.rows(); row++) {
                BertBatch text = batch.row(row);
                double last = text.maxDifference(text.hidden(reference, 6),
                        text.hidden(session, EncoderGraphs.LAST_HIDDEN_STATE));
                double third = text.maxDifference(text.hidden(reference, middle), text.hidden(session, "middle"));
                assertTrue(last <= INT8_TOLERANCE && third <= INT8_TOLERANCE, "text " + row
                        + ": max difference after layer 6 " + last + ", after layer 3 " + third);
            }
        }
    }

    /**
     * A student is initialised from the dequantized weights and computes in float. Against that, the int8 encoder
     * adds its activation rounding, one scale per batch tensor padding included: measured, a cosine of 0.979 at
     * worst over these tokens after 6 layers (0.990 after 5). That bounds what the float student starts from.
     */
    @Test
    void theDequantizedWeightsInFloatStayCloseToTheInt8Encoder() {
        BertBatch batch = BertBatch.texts();
        float[][][] expected = batch.hidden(new BertReference(weights, false), 6);
        try (Ort session = Ort.of(encoder)) {
            double cosine = batch.minCosine(expected, batch.hidden(session, EncoderGraphs.LAST_HIDDEN_STATE));
            assertTrue(cosine >= 0.97, "min cosine per token " + cosine);
        }
    }

    @Test
    void aLayerWithAnotherActivationIsNamedWithWhereTheWalkStopped() {
        String erf = "/encoder/layer.2/intermediate/intermediate_act_fn/Erf";
        GraphProto graph = encoder.getGraph();
        int index = graph.getNodeList().stream().map(n -> n.getName()).toList().indexOf(erf);
        assertTrue(index >= 0, "the MiniLM graph has the node " + erf);
        ModelProto sigmoid = encoder.toBuilder().setGraph(graph.toBuilder()
                .setNode(index, graph.getNode(index).toBuilder().setOpType("Sigmoid"))).build();
        UnrecognizedLayoutException e = assertThrows(UnrecognizedLayoutException.class,
                () -> BertLayout.read(sigmoid, "encoder.onnx"));
        assertEquals("a GELU (Erf or Tanh form) between layer 2's feed-forward layers", e.lookedFor(), e.getMessage());
        String found = e.getMessage().substring(e.getMessage().indexOf("the activation is made of ["));
        assertTrue(found.contains("Mul") && !found.contains("Erf") && !found.contains("Sigmoid"), e.getMessage());
    }

    /** RoBERTa-style positions (counted from 2) are not BERT's; a student counting from 0 would differ. */
    @Test
    void positionsThatDoNotCountFromZeroAreRejected() {
        GraphProto graph = encoder.getGraph();
        int index = graph.getInitializerList().stream().map(t -> t.getName()).toList()
                .indexOf("embeddings.position_ids");
        assertTrue(index >= 0, "the MiniLM graph has the initializer embeddings.position_ids");
        long[] fromTwo = new long[512];
        Arrays.setAll(fromTwo, i -> i + 2);
        ModelProto shifted = encoder.toBuilder().setGraph(graph.toBuilder()
                .setInitializer(index, OnnxTensors.longs("embeddings.position_ids", fromTwo, 1, 512))).build();
        UnrecognizedLayoutException e = assertThrows(UnrecognizedLayoutException.class,
                () -> BertLayout.read(shifted, "encoder.onnx"));
        assertTrue(e.lookedFor().startsWith("position ids 0, 1, ..."), e.getMessage());
        assertTrue(e.getMessage().contains("come from Slice '/embeddings/Slice'"), e.getMessage());
    }

    @Test
    void aGraphWithoutInputIdsSaysSo() {
        ModelProto noIds = ModelProto.newBuilder().setGraph(encoder.getGraph().toBuilder().removeInput(0)).build();
        UnrecognizedLayoutException e = assertThrows(UnrecognizedLayoutException.class,
                () -> BertLayout.read(noIds, "encoder.onnx"));
        assertTrue(e.getMessage().contains("the graph has no 'input_ids' input"), e.getMessage());
        assertFalse(e.getMessage().contains("null"), e.getMessage());
    }
}
