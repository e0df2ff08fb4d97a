package dev.distill.engine.export;

/**
 * How a quantized model answers compared with its float32 original on the dev set.
 *
 * @param examples dev examples compared
 * @param agreement share of them on which both models have the same argmax
 * @param fp32Accuracy the float32 model's accuracy on the labeled ones
 * @param int8Accuracy the quantized model's accuracy on the labeled ones
 */
public record Int8Comparison(int examples, double agreement, double fp32Accuracy, double int8Accuracy) {

    /** How much accuracy quantization cost (negative if it gained). */
    public double accuracyDrop() {
        return fp32Accuracy - int8Accuracy;
    }
}
