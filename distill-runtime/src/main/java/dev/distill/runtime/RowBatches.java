package dev.distill.runtime;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/** Runs rows (feature rows, preprocessed images) through a model in batches of a fixed size, keeping their order. */
public final class RowBatches {

  private RowBatches() {
  }

  /**
   * @param rows the examples
   * @param batchSize the most examples per call
   * @param forward one call of the model: a batch in, one output row per example out
   * @return the outputs of all rows, in order; {@code forward} is called once even for no rows (so that a closed
   *     model still says so)
   */
  public static float[][] run(float[][] rows, int batchSize, UnaryOperator<float[][]> forward) {
    if (rows.length <= batchSize) {
      return forward.apply(rows);
    }
    float[][] out = new float[rows.length][];
    for (int start = 0; start < rows.length; start += batchSize) {
      float[][] part = forward.apply(Arrays.copyOfRange(rows, start, Math.min(rows.length, start + batchSize)));
      System.arraycopy(part, 0, out, start, part.length);
    }
    return out;
  }
}
