package dev.distill.annotations;

/** How the trained student is stored in the packaged {@code model.onnx}. */
public enum Quantization {
    /** Float32 weights, as trained. */
    NONE,
    /**
     * 8-bit integer weights with float scales (dynamic quantization): the embedding table, the LSTM and the linear
     * layers. About 4× smaller; the quality check of {@link Distill#minRetention()} runs on this model.
     */
    INT8
}
