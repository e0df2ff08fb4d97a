package dev.distill.engine.teacher;

/**
 * A linear classifier over sentence embeddings: {@code logits = weight · x + bias}.
 *
 * @param weight [classes][hidden], PyTorch's Linear layout
 * @param bias [classes]
 */
public record LinearHead(float[][] weight, float[] bias) {

    /** Checks that the shapes agree. */
    public LinearHead {
        if (weight.length == 0 || weight.length != bias.length) {
            throw new IllegalArgumentException("head has " + weight.length + " weight rows and " + bias.length
                    + " biases; expected one of each per class");
        }
    }

    /** The logits of one embedding. */
    public float[] apply(float[] x) {
        float[] logits = new float[weight.length];
        for (int c = 0; c < weight.length; c++) {
            double sum = bias[c];
            for (int h = 0; h < x.length; h++) {
                sum += (double) weight[c][h] * x[h];
            }
            logits[c] = (float) sum;
        }
        return logits;
    }
}
