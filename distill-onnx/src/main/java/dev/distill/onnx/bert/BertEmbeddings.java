package dev.distill.onnx.bert;

import dev.distill.onnx.GatheredTable;

import java.util.Optional;

/**
 * A teacher's embedding block: the sum of the word, position and (when it has one) token-type rows, then a layer
 * norm.
 *
 * @param word {@code [vocabulary, hidden]}, looked up by {@code input_ids}
 * @param position {@code [max positions, hidden]}, looked up by 0, 1, ... along the sequence
 * @param tokenType {@code [types, hidden]}, looked up by {@code token_type_ids}; empty for a model without it
 * @param layerNorm the norm of the sum
 * @param output the graph's tensor after the norm, the input of the first layer (for graph surgery)
 */
public record BertEmbeddings(GatheredTable word, GatheredTable position, Optional<GatheredTable> tokenType,
        LayerNorm layerNorm, String output) {
}
