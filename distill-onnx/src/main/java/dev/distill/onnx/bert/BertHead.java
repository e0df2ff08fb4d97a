package dev.distill.onnx.bert;

/**
 * A classifier teacher's head: its pooling of the last hidden state and the linear layer that makes
 * {@code logits}.
 *
 * @param pooling how the sentence vector is made
 * @param classifier {@code [classes][hidden]}
 */
public record BertHead(Pooling pooling, Linear classifier) {
}
