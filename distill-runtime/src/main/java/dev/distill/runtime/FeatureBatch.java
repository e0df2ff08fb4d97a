package dev.distill.runtime;

import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.InputKind;

/**
 * A batch of tabular examples ({@link InputKind#TABULAR}): rows of raw feature values, all of one width, fed as
 * {@code features} float {@code [batch, features]}.
 */
public final class FeatureBatch extends FloatBatch {

  /**
   * @param rows the examples, each a row of the same number of feature values
   * @throws IllegalArgumentException naming the first row whose width differs from the first row's
   */
  public FeatureBatch(float[][] rows) {
    super(InputKind.TABULAR, ClassifierGraph.FEATURES, rows, new long[] {width(rows)}, "features");
  }

  private static long width(float[][] rows) {
    return rows.length == 0 || rows[0] == null ? 0 : rows[0].length;
  }

  /** @return the feature values per row */
  public int width() {
    return exampleSize();
  }
}
