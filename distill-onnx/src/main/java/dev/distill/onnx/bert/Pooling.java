package dev.distill.onnx.bert;

/** How a classifier teacher turns its last hidden state into the sentence vector its head reads. */
public enum Pooling {
    /** The mean of the hidden states of the real tokens ({@code attention_mask} 1), sentence-transformers' way. */
    MASKED_MEAN,
    /** The hidden state of the first token, {@code [CLS]}. */
    CLS
}
