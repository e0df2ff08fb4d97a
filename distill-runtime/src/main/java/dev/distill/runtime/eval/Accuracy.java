package dev.distill.runtime.eval;

/**
 * Accuracy as distill computes it everywhere (the runtime's {@code eval}, the engine's report, its
 * teacher, training and int8 checks): the share of the labeled examples whose predicted class is
 * the gold class.
 *
 * <p>The rules, the same for every caller:
 *
 * <ul>
 *   <li>an example whose gold class is negative ({@link #UNLABELED}) has no label and is not
 *       counted (transfer texts the teacher labeled only softly);
 *   <li>with no labeled example the accuracy is {@link Double#NaN}: undefined, not 0, which would
 *       read as "every answer wrong". Code that shows it prints NaN; code that compares it (a
 *       quality gate) must treat NaN as "not measured".
 * </ul>
 */
public final class Accuracy {
  /** The gold class of an example without a label. */
  public static final int UNLABELED = -1;

  private Accuracy() {}

  /**
   * @param gold the gold class per example, {@link #UNLABELED} (or any negative) for none
   * @param predicted the predicted class per example
   * @return the share of labeled examples predicted right, NaN when none is labeled
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static double of(int[] gold, int[] predicted) {
    if (gold.length != predicted.length) {
      throw new IllegalArgumentException(
          gold.length + " gold labels but " + predicted.length + " predictions");
    }
    int labeled = 0;
    int correct = 0;
    for (int i = 0; i < gold.length; i++) {
      if (gold[i] < 0) {
        continue;
      }
      labeled++;
      if (predicted[i] == gold[i]) {
        correct++;
      }
    }
    return share(correct, labeled);
  }

  /**
   * @param correct examples predicted right
   * @param labeled labeled examples
   * @return {@code correct / labeled}, NaN when {@code labeled} is 0
   */
  public static double share(int correct, int labeled) {
    return labeled == 0 ? Double.NaN : correct / (double) labeled;
  }
}
