package dev.distill.onnx.bert;

/**
 * One post-LN encoder layer of a teacher: {@code h1 = norm(x + attentionOutput(attention(x)))}, then
 * {@code out = norm(h1 + feedForwardOut(activation(feedForwardIn(h1))))}.
 *
 * @param query {@code [hidden][hidden]}
 * @param key {@code [hidden][hidden]}
 * @param value {@code [hidden][hidden]}
 * @param attentionOutput {@code [hidden][hidden]}, applied to the heads' concatenated outputs
 * @param attentionNorm the norm after the attention's residual sum
 * @param feedForwardIn {@code [feed-forward][hidden]}
 * @param activation the activation after {@code feedForwardIn}
 * @param feedForwardOut {@code [hidden][feed-forward]}
 * @param outputNorm the norm after the feed-forward's residual sum
 * @param attentionProbabilities the graph's tensor of this layer's attention distributions,
 *     {@code [batch, heads, sequence, sequence]} (for graph surgery)
 * @param output the graph's tensor of this layer's hidden state, {@code [batch, sequence, hidden]}
 */
public record BertLayerWeights(Linear query, Linear key, Linear value, Linear attentionOutput,
        LayerNorm attentionNorm, Linear feedForwardIn, Activation activation, Linear feedForwardOut,
        LayerNorm outputNorm, String attentionProbabilities, String output) {
}
