package dev.distill.engine.teacher;

import dev.distill.runtime.Prediction;

/** Small facts about rows of logits. */
public final class Logits {

    private Logits() {
    }

    /** The index of the largest value (the first one on a tie), as the runtime picks a prediction. */
    public static int argmax(float[] row) {
        return Prediction.argmax(row);
    }

    /** The share of rows whose argmax is the gold label; 0 for no rows. */
    public static double accuracy(float[][] logits, int[] labels) {
        if (logits.length != labels.length) {
            throw new IllegalArgumentException(logits.length + " rows of logits but " + labels.length + " labels");
        }
        int correct = 0;
        for (int i = 0; i < logits.length; i++) {
            if (argmax(logits[i]) == labels[i]) {
                correct++;
            }
        }
        return logits.length == 0 ? 0 : (double) correct / logits.length;
    }
}
