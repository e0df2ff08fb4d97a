package dev.distill.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The classification of one text.
 *
 * <p>The array is not copied (predictions are made in bulk); treat it as read-only. Equality
 * compares the probabilities element by element.
 *
 * @param label the most probable label, from {@code id2label}
 * @param index the index of {@code label} in {@link TextClassifier#labels()}
 * @param score the probability of {@code label}
 * @param probabilities the softmax of the logits, one per label, in label order
 */
public record Prediction(String label, int index, float score, float[] probabilities) {

  /**
   * Checks the components.
   *
   * @param label the most probable label
   * @param index its index
   * @param score its probability
   * @param probabilities one probability per label
   */
  public Prediction {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(probabilities, "probabilities");
  }

  /**
   * Turns raw logits into a prediction: softmax, then the arg-max (the first one on ties).
   *
   * @param logits one logit per label
   * @param labels the labels, as many as logits
   * @return the prediction
   */
  public static Prediction fromLogits(float[] logits, List<String> labels) {
    if (logits.length != labels.size()) {
      throw new IllegalArgumentException(
          "got " + logits.length + " logits for " + labels.size() + " labels " + labels);
    }
    float[] probabilities = softmax(logits);
    int best = argmax(probabilities);
    return new Prediction(labels.get(best), best, probabilities[best], probabilities);
  }

  /**
   * @param values scores, at least one
   * @return the index of the largest (the first one on ties)
   */
  public static int argmax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Numerically stable softmax (the maximum is subtracted first; sums in double).
   *
   * @param logits the logits
   * @return a new array of probabilities summing to 1
   */
  public static float[] softmax(float[] logits) {
    float max = Float.NEGATIVE_INFINITY;
    for (float logit : logits) {
      max = Math.max(max, logit);
    }
    double[] exps = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      exps[i] = Math.exp((double) logits[i] - max);
      sum += exps[i];
    }
    float[] out = new float[logits.length];
    for (int i = 0; i < logits.length; i++) {
      out[i] = (float) (exps[i] / sum);
    }
    return out;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Prediction p
        && label.equals(p.label)
        && index == p.index
        && Float.compare(score, p.score) == 0
        && Arrays.equals(probabilities, p.probabilities);
  }

  @Override
  public int hashCode() {
    return Objects.hash(label, index, score) * 31 + Arrays.hashCode(probabilities);
  }

  @Override
  public String toString() {
    return "Prediction[label=" + label + ", index=" + index + ", score=" + score
        + ", probabilities=" + Arrays.toString(probabilities) + "]";
  }
}
