package dev.distill.onnx.bert;

/** The feed-forward activation of a teacher's encoder layer, as its graph computes it. */
public enum Activation {
    /** Exact GELU, {@code x · ½(1 + erf(x / √2))}: BERT's and MiniLM's. */
    GELU_ERF,
    /** The tanh approximation of GELU, {@code ½x(1 + tanh(√(2/π)(x + 0.044715x³)))}. */
    GELU_TANH
}
