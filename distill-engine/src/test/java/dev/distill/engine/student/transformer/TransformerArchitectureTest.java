package dev.distill.engine.student.transformer;

import static dev.distill.engine.student.SpecMath.add;
import static dev.distill.onnx.quantize.QuantizedAnswers.assertAgrees;
import static dev.distill.onnx.quantize.QuantizedAnswers.opTypes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.engine.student.SpecMath;
import dev.distill.engine.student.StudentArchitectureContract;
import dev.distill.onnx.bert.BertReference;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.quantize.QuantizedAnswers;
import dev.distill.onnx.quantize.QuantizedModel;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The transformer against the specification and the student contract, and its linear layers' int8 forms. */
class TransformerArchitectureTest extends StudentArchitectureContract<TransformerGraph> {

    /** The quantization report's op of a weight-only int8 linear layer. */
    private static final String WEIGHT_ONLY = "DequantizeLinear->MatMul";

    TransformerArchitectureTest() {
        super(new TransformerArchitecture(), TransformerArchitectureTest::specForward);
    }

    /**
     * HuggingFace's BertModel on the real tokens alone (padding is left out, which is what the mask must achieve):
     * LayerNorm(word + position + token type 0), post-LN layers, then the mean of the rows and out.
     */
    private static double[] specForward(TransformerGraph graph, SpecMath spec, int[] ids) {
        int length = ids.length;
        double[][] x = new double[length][];
        for (int t = 0; t < length; t++) {
            x[t] = spec.layerNorm(add(add(spec.embedding(ids[t]), spec.row("embeddings.position", t)),
                    spec.vector("embeddings.token_type")), "embeddings.norm");
        }
        for (int i = 0; i < graph.layers(); i++) {
            String layer = TransformerGraph.layer(i);
            double[][] attention = selfAttention(spec, x, layer, graph.heads(), graph.headSize());
            for (int t = 0; t < length; t++) {
                double[] h = spec.layerNorm(add(x[t], spec.linear(attention[t], layer + ".attention_output")),
                        layer + ".attention_norm");
                double[] inner = spec.linear(h, layer + ".intermediate");
                for (int j = 0; j < inner.length; j++) {
                    inner[j] = inner[j] * 0.5 * (1 + BertReference.erf(inner[j] / Math.sqrt(2)));
                }
                x[t] = spec.layerNorm(add(h, spec.linear(inner, layer + ".output")), layer + ".output_norm");
            }
        }
        return spec.linear(SpecMath.mean(x), "out");
    }

    /** softmax(q k^T / sqrt(d)) v per head, the heads concatenated: one row per token. */
    private static double[][] selfAttention(SpecMath spec, double[][] x, String layer, int heads, int d) {
        int length = x.length;
        double[][] q = new double[length][];
        double[][] k = new double[length][];
        double[][] v = new double[length][];
        for (int t = 0; t < length; t++) {
            q[t] = spec.linear(x[t], layer + ".query");
            k[t] = spec.linear(x[t], layer + ".key");
            v[t] = spec.linear(x[t], layer + ".value");
        }
        double[][] context = new double[length][heads * d];
        for (int head = 0; head < heads; head++) {
            for (int t = 0; t < length; t++) {
                double[] scores = new double[length];
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < length; s++) {
                    double dot = 0;
                    for (int j = head * d; j < (head + 1) * d; j++) {
                        dot += q[t][j] * k[s][j];
                    }
                    scores[s] = dot / Math.sqrt(d);
                    max = Math.max(max, scores[s]);
                }
                double total = 0;
                for (int s = 0; s < length; s++) {
                    scores[s] = Math.exp(scores[s] - max);
                    total += scores[s];
                }
                for (int s = 0; s < length; s++) {
                    for (int j = head * d; j < (head + 1) * d; j++) {
                        context[t][j] += scores[s] / total * v[s][j];
                    }
                }
            }
        }
        return context;
    }

    @Test
    void linearLayersKeptInFloatLeaveTheTransformersTablesQuantized() {
        ModelProto fp32 = floatModel(20);
        QuantizedModel all = new DynamicInt8Quantizer().withMinDenseElements(0).quantize(fp32);
        QuantizedModel tables = new DynamicInt8Quantizer().withMinDenseElements(0).withDenseInt8(false).quantize(fp32);

        assertTrue(opTypes(all.model()).contains("DynamicQuantizeMatMul"), opTypes(all.model()).toString());
        Set<String> ops = opTypes(tables.model());
        assertTrue(ops.contains("MatMul") && ops.contains("Gemm") && !ops.contains("DynamicQuantizeMatMul"),
                ops.toString());
        assertEquals(Set.of("embedding", "embeddings.position"), QuantizedAnswers.quantizedTensors(tables));
        assertAgrees("TRANSFORMER with float linear layers", fp32, tables.model(), 0.99, 0.2);
    }

    /**
     * Weight-only int8 linear layers, on weights whose rows differ 30x in magnitude so that a scale on the wrong
     * column shows: no {@code DynamicQuantizeMatMul}, every linear layer's weight int8 ({@code DequantizeLinear}
     * into a float {@code MatMul}), and, with the activations float, logits within a few percent of float.
     */
    @Test
    void weightOnlyLinearLayersKeepTheTransformersActivationsFloat() {
        ModelProto fp32 = unevenFloatModel(23);
        QuantizedModel int8 = new DynamicInt8Quantizer().withMinDenseElements(0).withLstmInt8(false)
                .withDenseWeightsOnly(true).quantize(fp32);

        Set<String> ops = opTypes(int8.model());
        assertTrue(ops.contains("DequantizeLinear") && !ops.contains("DynamicQuantizeMatMul") && !ops.contains("Gemm"),
                ops.toString());
        assertEquals(0, linearLayersWithAFloatWeight(int8.model()), "linear layers left with a float weight");
        assertEquals(linearLayersWithAFloatWeight(fp32), int8.report().entries().stream()
                .filter(e -> e.op().equals(WEIGHT_ONLY)).count(), int8.report().summary());
        assertTrue(int8.report().summary().contains("(" + WEIGHT_ONLY + ")"), int8.report().summary());
        assertAgrees("TRANSFORMER weight-only linear", fp32, int8.model(), 0.99, 0.05);
        assertTrue(int8.model().getSerializedSize() * 2 < fp32.getSerializedSize(),
                int8.model().getSerializedSize() + " vs " + fp32.getSerializedSize());
    }

    /** The MatMul and Gemm nodes whose weight is a float initializer. */
    private static long linearLayersWithAFloatWeight(ModelProto model) {
        return model.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("MatMul") || n.getOpType().equals("Gemm"))
                .filter(n -> model.getGraph().getInitializerList().stream()
                        .anyMatch(t -> t.getName().equals(n.getInput(1))))
                .count();
    }
}
