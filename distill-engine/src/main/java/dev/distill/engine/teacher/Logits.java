package dev.distill.engine.teacher;

import dev.distill.runtime.Prediction;
import dev.distill.runtime.eval.Accuracy;

/** Small facts about rows of logits. */
public final class Logits {

    private Logits() {
    }

    /** The index of the largest value (the first one on a tie), as the runtime picks a prediction. */
    public static int argmax(float[] row) {
        return Prediction.argmax(row);
    }

    /** The argmax of each row. */
    public static int[] argmaxes(float[][] logits) {
        int[] predicted = new int[logits.length];
        for (int i = 0; i < logits.length; i++) {
            predicted[i] = argmax(logits[i]);
        }
        return predicted;
    }

    /**
     * The accuracy of the rows' argmax against the gold labels, by {@link Accuracy}'s rules: unlabeled rows
     * ({@link Accuracy#UNLABELED}) are not counted, and with none labeled it is NaN.
     */
    public static double accuracy(float[][] logits, int[] labels) {
        if (logits.length != labels.length) {
            throw new IllegalArgumentException(logits.length + " rows of logits but " + labels.length + " labels");
        }
        return Accuracy.of(labels, argmaxes(logits));
    }
}
