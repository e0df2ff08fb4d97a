package dev.distill.engine.student.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * One post-LN BERT layer, as HuggingFace's {@code BertLayer}: multi-head self-attention (query, key, value and
 * attention output with biases), residual and LayerNorm, then the exact-GELU feed-forward (intermediate, output),
 * residual and LayerNorm. Takes {@code [x [B, L, E], keyBias [B, 1, 1, L]]}: the bias is added to every head's
 * attention scores, {@code -10000} on padded keys, so that padding gets no attention weight. Returns {@code [out
 * [B, L, E], attention probabilities [B, heads, L, L]]}: the attention term reads the second, which the pass computes
 * anyway.
 */
final class EncoderLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int width;
    private final int feedForward;
    private final int heads;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear attentionOutput;
    private final BertLayerNorm attentionNorm;
    private final Linear intermediate;
    private final Linear output;
    private final BertLayerNorm outputNorm;

    EncoderLayer(int width, int heads, int feedForward, float epsilon) {
        super(VERSION);
        this.width = width;
        this.heads = heads;
        this.feedForward = feedForward;
        query = addChildBlock("query", linear(width));
        key = addChildBlock("key", linear(width));
        value = addChildBlock("value", linear(width));
        attentionOutput = addChildBlock("attention_output", linear(width));
        attentionNorm = addChildBlock("attention_norm", new BertLayerNorm(width, epsilon));
        intermediate = addChildBlock("intermediate", linear(feedForward));
        output = addChildBlock("output", linear(width));
        outputNorm = addChildBlock("output_norm", new BertLayerNorm(width, epsilon));
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape token = new Shape(1, width);
        for (Linear linear : new Linear[] {query, key, value, attentionOutput, intermediate}) {
            linear.initialize(manager, dataType, token);
        }
        output.initialize(manager, dataType, new Shape(1, feedForward));
        attentionNorm.initialize(manager, dataType, new Shape(1, 1, width));
        outputNorm.initialize(manager, dataType, new Shape(1, 1, width));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray keyBias = inputs.get(1);
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        int headSize = width / heads;
        // [B, L, E] -> [B, heads, L, headSize]; the keys go straight to [B, heads, headSize, L].
        NDArray q = apply(query, parameterStore, x, training).reshape(batch, length, heads, headSize)
                .transpose(0, 2, 1, 3);
        NDArray k = apply(key, parameterStore, x, training).reshape(batch, length, heads, headSize)
                .transpose(0, 2, 3, 1);
        NDArray v = apply(value, parameterStore, x, training).reshape(batch, length, heads, headSize)
                .transpose(0, 2, 1, 3);
        NDArray weights = q.matMul(k).div((float) Math.sqrt(headSize)).add(keyBias).softmax(3);
        NDArray context = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, width);
        NDArray attended = apply(attentionNorm, parameterStore,
                apply(attentionOutput, parameterStore, context, training).add(x), training);
        NDArray inner = Activation.gelu(apply(intermediate, parameterStore, attended, training));
        return new NDList(apply(outputNorm, parameterStore,
                apply(output, parameterStore, inner, training).add(attended), training), weights);
    }

    private static NDArray apply(Block block, ParameterStore parameterStore, NDArray input, boolean training) {
        return block.forward(parameterStore, new NDList(input), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {x, new Shape(x.get(0), heads, x.get(1), x.get(1))};
    }

    /** Adds this layer's parameters named as {@code TransformerGraph} lists them after {@code prefix}. */
    void collectWeights(String prefix, Map<String, NDArray> weights) {
        putLinear(weights, prefix + ".query", query);
        putLinear(weights, prefix + ".key", key);
        putLinear(weights, prefix + ".value", value);
        putLinear(weights, prefix + ".attention_output", attentionOutput);
        putNorm(weights, prefix + ".attention_norm", attentionNorm);
        putLinear(weights, prefix + ".intermediate", intermediate);
        putLinear(weights, prefix + ".output", output);
        putNorm(weights, prefix + ".output_norm", outputNorm);
    }

    private static void putLinear(Map<String, NDArray> weights, String name, Linear linear) {
        weights.put(name + ".w", linear.getParameters().get("weight").getArray());
        weights.put(name + ".b", linear.getParameters().get("bias").getArray());
    }

    static void putNorm(Map<String, NDArray> weights, String name, BertLayerNorm norm) {
        weights.put(name + ".w", norm.weight());
        weights.put(name + ".b", norm.bias());
    }
}
