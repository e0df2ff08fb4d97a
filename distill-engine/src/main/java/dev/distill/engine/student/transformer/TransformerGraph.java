package dev.distill.engine.student.transformer;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.distill.annotations.Architecture;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxOps;
import dev.distill.onnx.OnnxTensors;
import dev.distill.onnx.bert.Pooling;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentLayers;
import dev.distill.onnx.student.StudentSizes;
import dev.distill.onnx.student.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link Architecture#TRANSFORMER}: a post-LN BERT encoder, computed as HuggingFace's {@code BertModel} computes it,
 * then the masked mean of its real tokens.
 * <ul>
 *   <li>embeddings: {@code LayerNorm(embedding[id] + embeddings.position[t] + embeddings.token_type)} (token type
 *       0 for every token; a position past {@code maxLength - 1}, where only padding can be, reads the last row);</li>
 *   <li>each layer {@code layer{i}}: multi-head self-attention whose padded keys get {@value #MASKED_KEY_BIAS}
 *       added to their scores, {@code h = LayerNorm(x + attention_output(attention(x)))}, then
 *       {@code LayerNorm(h + output(gelu(intermediate(h))))} with the exact (erf) GELU;</li>
 *   <li>sentence features: the mean of the last layer's rows over the real tokens (pooling
 *       {@link Pooling#MASKED_MEAN}), or its first row, the {@code [CLS]} token's ({@link Pooling#CLS}, for a student
 *       cut from a teacher whose head reads that row); width E.</li>
 * </ul>
 * Every LayerNorm has epsilon {@code layerNormEpsilon} (BERT's {@value #LAYER_NORM_EPSILON} unless the teacher's
 * differs). Linear weights are stored as PyTorch's {@code [out, in]}
 * and written transposed ({@code <name>.w_t}) for {@code MatMul}, each followed by its bias {@code Add}: with the
 * {@code Reshape}/{@code Transpose} of the heads and the opset-17 {@code LayerNormalization} this is the layout of
 * HuggingFace's BERT export, which ONNX Runtime's graph optimizations recognise.
 *
 * <p>The tensors are those of a HuggingFace {@code BertModel}, so that a student can start from its teacher's:
 * {@code embeddings.position} = {@code position_embeddings.weight} (its first {@code maxLength} rows),
 * {@code embeddings.token_type} = row 0 of {@code token_type_embeddings.weight}, {@code embeddings.norm} =
 * {@code embeddings.LayerNorm}; in {@code layer{i}}, {@code query}, {@code key}, {@code value} =
 * {@code attention.self.*}, {@code attention_output} = {@code attention.output.dense}, {@code attention_norm} =
 * {@code attention.output.LayerNorm}, {@code intermediate} = {@code intermediate.dense}, {@code output} =
 * {@code output.dense}, {@code output_norm} = {@code output.LayerNorm} ({@code .w} is a weight or LayerNorm scale,
 * {@code .b} its bias).
 *
 * @param sizes           the sizes every student has; its embedding size is the width E of every layer
 * @param layers          k, the encoder layers
 * @param heads           the attention heads of each layer; E must be a multiple of it
 * @param feedForwardSize F, the units of each layer's {@code intermediate} layer
 * @param maxLength       the rows of the position table: the longest input the student reads
 * @param layerNormEpsilon the epsilon of every LayerNorm: the teacher's, for a student cut from it
 * @param pooling         how the last layer's rows become the sentence features: the teacher's, for a student cut
 *                        from it
 */
public record TransformerGraph(StudentSizes sizes, int layers, int heads, int feedForwardSize, int maxLength,
        float layerNormEpsilon, Pooling pooling) implements StudentGraphWriter {

    /** BERT's epsilon (HuggingFace's {@code layer_norm_eps} of {@code bert-base}). */
    public static final float LAYER_NORM_EPSILON = 1e-12f;
    /** What BERT adds to the attention scores of padded keys: their softmax weight underflows to exactly 0. */
    public static final float MASKED_KEY_BIAS = -10000f;

    /**
     * @throws IllegalArgumentException naming the setting ({@code layers}, {@code heads}, {@code hiddenSize} or
     *                                  {@code maxLength}) that is not positive, or heads that do not divide the width
     */
    public TransformerGraph {
        Objects.requireNonNull(pooling, "pooling");
        if (!(layerNormEpsilon > 0) || Float.isInfinite(layerNormEpsilon)) {
            throw new IllegalArgumentException("layerNormEpsilon = " + layerNormEpsilon + " must be finite and > 0");
        }
        StudentSizes.requirePositive("layers", layers);
        StudentSizes.requirePositive("heads", heads);
        StudentSizes.requireHiddenSize(feedForwardSize);
        StudentSizes.requirePositive("maxLength", maxLength);
        if (sizes.embeddingSize() % heads != 0) {
            throw new IllegalArgumentException("heads = " + heads + " does not divide embeddingSize = "
                    + sizes.embeddingSize() + ": each attention head reads embeddingSize / heads dimensions");
        }
    }

    /** A student with BERT's LayerNorm epsilon, {@value #LAYER_NORM_EPSILON}, that pools by the masked mean. */
    public TransformerGraph(StudentSizes sizes, int layers, int heads, int feedForwardSize, int maxLength) {
        this(sizes, layers, heads, feedForwardSize, maxLength, LAYER_NORM_EPSILON, Pooling.MASKED_MEAN);
    }

    /** The width of one attention head, E / heads. */
    public int headSize() {
        return sizes.embeddingSize() / heads;
    }

    /** The prefix of layer {@code index}'s tensors, e.g. {@code layer0}. */
    public static String layer(int index) {
        return "layer" + index;
    }

    @Override
    public Architecture architecture() {
        return Architecture.TRANSFORMER;
    }

    @Override
    public Map<String, long[]> layerTensorShapes() {
        long e = sizes.embeddingSize();
        long f = feedForwardSize;
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("embeddings.position", new long[] {maxLength, e});
        shapes.put("embeddings.token_type", new long[] {e});
        putNorm(shapes, "embeddings.norm", e);
        for (int i = 0; i < layers; i++) {
            String layer = layer(i);
            putLinear(shapes, layer + ".query", e, e);
            putLinear(shapes, layer + ".key", e, e);
            putLinear(shapes, layer + ".value", e, e);
            putLinear(shapes, layer + ".attention_output", e, e);
            putNorm(shapes, layer + ".attention_norm", e);
            putLinear(shapes, layer + ".intermediate", f, e);
            putLinear(shapes, layer + ".output", e, f);
            putNorm(shapes, layer + ".output_norm", e);
        }
        return shapes;
    }

    private static void putLinear(Map<String, long[]> shapes, String prefix, long out, long in) {
        shapes.put(prefix + ".w", new long[] {out, in});
        shapes.put(prefix + ".b", new long[] {out});
    }

    private static void putNorm(Map<String, long[]> shapes, String prefix, long width) {
        shapes.put(prefix + ".w", new long[] {width});
        shapes.put(prefix + ".b", new long[] {width});
    }

    @Override
    public long featureSize() {
        return sizes.embeddingSize();
    }

    @Override
    public String writeFeatures(StudentLayers shared) {
        OnnxGraph graph = shared.graph();
        OnnxOps ops = shared.ops();
        String hidden = layerNorm(shared, ops.binary("Add", ops.binary("Add", shared.embedded(), positions(shared),
                "word_position"), shared.weight("embeddings.token_type"), "embeddings_sum"), "embeddings.norm");
        // (1 - mask) * -10000 as [batch, 1, 1, sequence]: added to every head's scores of every query.
        String keyBias = ops.binary("Mul", ops.binary("Sub", graph.scalar("one", 1f),
                        ops.unsqueeze(shared.maskFloat(), "mask4", 1, 2), "padding"),
                graph.scalar("masked_key_bias", MASKED_KEY_BIAS), "key_bias");
        for (int i = 0; i < layers; i++) {
            hidden = encoderLayer(shared, hidden, keyBias, layer(i));
        }
        if (pooling == Pooling.CLS) {
            // A scalar index drops the sequence axis: [batch, sequence, E] -> [batch, E].
            return graph.node("Gather").inputs(hidden, graph.longs("cls_position", new long[] {0}))
                    .attrInt("axis", 1).output("cls_row");
        }
        String sum = ops.reduceSum(ops.binary("Mul", hidden, shared.mask3(), "real_rows"), false, "row_sum", 1);
        String length = ops.reduceSum(shared.maskFloat(), true, "length", 1);
        return ops.binary("Div", sum, length, "mean_row");
    }

    /** The position rows of 0 .. sequence - 1, each at most maxLength - 1: [sequence, E]. */
    private String positions(StudentLayers shared) {
        OnnxGraph graph = shared.graph();
        String shape = graph.node("Shape").inputs(ClassifierGraph.INPUT_IDS).output("ids_shape");
        String sequence = graph.node("Gather").inputs(shape, graph.longs("sequence_axis", new long[] {1}))
                .output("sequence_length");
        String range = graph.node("Range").inputs(graph.longs("first_position", new long[] {0}), sequence,
                graph.longs("position_step", new long[] {1})).output("position_ids");
        String clamped = shared.ops().binary("Min", range,
                graph.longs("last_position", new long[] {maxLength - 1L}), "clamped_position_ids");
        return graph.node("Gather").inputs(shared.weight("embeddings.position"), clamped).output("position_rows");
    }

    private String encoderLayer(StudentLayers shared, String x, String keyBias, String prefix) {
        OnnxGraph graph = shared.graph();
        OnnxOps ops = shared.ops();
        String query = heads(shared, tokenLinear(shared, x, prefix + ".query"), prefix + "_query", 0, 2, 1, 3);
        String key = heads(shared, tokenLinear(shared, x, prefix + ".key"), prefix + "_key", 0, 2, 3, 1);
        String value = heads(shared, tokenLinear(shared, x, prefix + ".value"), prefix + "_value", 0, 2, 1, 3);
        String scores = ops.binary("Div", ops.binary("MatMul", query, key, prefix + "_scores"),
                graph.scalar(prefix + "_score_scale", (float) Math.sqrt(headSize())), prefix + "_scaled_scores");
        String weights = graph.node("Softmax").inputs(ops.binary("Add", scores, keyBias, prefix + "_masked_scores"))
                .attrInt("axis", 3).output(prefix + "_attention");
        String context = ops.binary("MatMul", weights, value, prefix + "_context_heads");
        String merged = graph.node("Reshape")
                .inputs(graph.node("Transpose").inputs(context).attrInts("perm", 0, 2, 1, 3)
                                .output(prefix + "_context_tokens"),
                        graph.longs(prefix + "_merge_shape", new long[] {0, 0, sizes.embeddingSize()}, 3))
                .output(prefix + "_context");
        String attended = layerNorm(shared, ops.binary("Add",
                tokenLinear(shared, merged, prefix + ".attention_output"), x, prefix + "_attention_residual"),
                prefix + ".attention_norm");
        String intermediate = gelu(shared, tokenLinear(shared, attended, prefix + ".intermediate"));
        return layerNorm(shared, ops.binary("Add", tokenLinear(shared, intermediate, prefix + ".output"), attended,
                prefix + "_output_residual"), prefix + ".output_norm");
    }

    /** [batch, sequence, E] to the heads [batch, heads, ., .] in the order {@code perm}. */
    private String heads(StudentLayers shared, String x, String name, long... perm) {
        OnnxGraph graph = shared.graph();
        String split = graph.node("Reshape")
                .inputs(x, graph.longs(name + "_split_shape", new long[] {0, 0, heads, headSize()}, 4))
                .output(name + "_split");
        return graph.node("Transpose").inputs(split).attrInts("perm", perm).output(name + "_heads");
    }

    /** x W^T + b over the last axis, as MatMul then Add (Gemm takes 2-D inputs only). */
    private static String tokenLinear(StudentLayers shared, String x, String prefix) {
        Tensor weight = shared.tensor(prefix + ".w");
        int out = Math.toIntExact(weight.dim(0));
        int in = Math.toIntExact(weight.dim(1));
        String transposed = shared.derived(prefix + ".w_t", OnnxTensors.transpose(weight.data(), out, in), in, out);
        String product = shared.ops().binary("MatMul", x, transposed, prefix.replace('.', '_') + "_product");
        return shared.ops().binary("Add", product, shared.weight(prefix + ".b"), prefix.replace('.', '_'));
    }

    /** x * 0.5 * (1 + erf(x / sqrt 2)), the exact GELU, in the order HuggingFace exports it. */
    private static String gelu(StudentLayers shared, String x) {
        OnnxGraph graph = shared.graph();
        OnnxOps ops = shared.ops();
        String erf = graph.node("Erf").inputs(ops.binary("Div", x, graph.scalar("sqrt2", (float) Math.sqrt(2)),
                x + "_scaled")).output(x + "_erf");
        String onePlus = ops.binary("Add", erf, graph.scalar("gelu_one", 1f), x + "_erf_plus_one");
        return ops.binary("Mul", ops.binary("Mul", x, onePlus, x + "_gelu_half"), graph.scalar("half", 0.5f),
                x + "_gelu");
    }

    private String layerNorm(StudentLayers shared, String x, String prefix) {
        return shared.graph().node("LayerNormalization")
                .inputs(x, shared.weight(prefix + ".w"), shared.weight(prefix + ".b"))
                .attrInt("axis", -1)
                .attrFloat("epsilon", layerNormEpsilon)
                .output(prefix.replace('.', '_'));
    }
}
