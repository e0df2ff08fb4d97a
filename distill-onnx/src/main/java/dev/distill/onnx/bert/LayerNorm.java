package dev.distill.onnx.bert;

/**
 * A layer normalization over the last axis read from a teacher: {@code (x - mean) / sqrt(var + epsilon) * scale
 * + bias}, the variance without Bessel's correction.
 *
 * @param scale one per feature (gamma)
 * @param bias one per feature (beta)
 * @param epsilon the teacher's, as written in its graph (BERT's is 1e-12)
 */
public record LayerNorm(float[] scale, float[] bias, float epsilon) {

    /** @throws IllegalArgumentException when scale and bias differ in length */
    public LayerNorm {
        if (scale.length != bias.length) {
            throw new IllegalArgumentException("a layer norm needs as many biases as scales, not " + bias.length
                    + " and " + scale.length);
        }
    }

    /** The number of features it normalizes. */
    public int width() {
        return scale.length;
    }
}
