package dev.distill.runtime.eval;

import java.util.List;

/**
 * Accuracy, macro-F1 and the confusion matrix of predicted against gold class indices.
 *
 * <p>Macro-F1 averages the per-class F1 over the classes that occur in the gold labels or the
 * predictions (a class absent from both says nothing about the model). With no examples both are
 * NaN, by the rule of {@link Accuracy}.
 */
public final class ClassificationMetrics {
  private final List<String> labels;
  private final int[][] confusion;
  private final int n;

  private ClassificationMetrics(List<String> labels, int[][] confusion, int n) {
    this.labels = labels;
    this.confusion = confusion;
    this.n = n;
  }

  /**
   * @param labels the class names, by index
   * @param gold the true class of each example
   * @param predicted the predicted class of each example
   * @return the metrics
   */
  public static ClassificationMetrics of(List<String> labels, int[] gold, int[] predicted) {
    if (gold.length != predicted.length) {
      throw new IllegalArgumentException(
          gold.length + " gold labels but " + predicted.length + " predictions");
    }
    int k = labels.size();
    int[][] confusion = new int[k][k];
    for (int i = 0; i < gold.length; i++) {
      confusion[gold[i]][predicted[i]]++;
    }
    return new ClassificationMetrics(List.copyOf(labels), confusion, gold.length);
  }

  /** @return the number of examples */
  public int n() {
    return n;
  }

  /** @return the fraction predicted correctly, NaN when there are no examples (see {@link Accuracy}) */
  public double accuracy() {
    int correct = 0;
    for (int c = 0; c < confusion.length; c++) {
      correct += confusion[c][c];
    }
    return Accuracy.share(correct, n);
  }

  /** @return the unweighted mean of per-class F1 over the classes seen, NaN with no examples */
  public double macroF1() {
    double sum = 0;
    int classes = 0;
    for (int c = 0; c < confusion.length; c++) {
      int support = rowSum(c);
      int predicted = columnSum(c);
      if (support == 0 && predicted == 0) {
        continue;
      }
      classes++;
      int tp = confusion[c][c];
      sum += tp == 0 ? 0 : 2.0 * tp / (support + predicted);
    }
    return classes == 0 ? Double.NaN : sum / classes;
  }

  /** @return a copy of the confusion matrix, {@code [gold][predicted]} */
  public int[][] confusion() {
    int[][] copy = new int[confusion.length][];
    for (int i = 0; i < confusion.length; i++) {
      copy[i] = confusion[i].clone();
    }
    return copy;
  }

  /** @return the class names */
  public List<String> labels() {
    return labels;
  }

  /** @return the confusion matrix as an aligned text table, gold in rows, predictions in columns */
  public String confusionTable() {
    int width = "gold \\ predicted".length();
    for (String label : labels) {
      width = Math.max(width, label.length());
    }
    for (int[] row : confusion) {
      for (int count : row) {
        width = Math.max(width, Integer.toString(count).length());
      }
    }
    String cell = "%" + (width + 2) + "s";
    StringBuilder out = new StringBuilder(String.format("%-" + width + "s", "gold \\ predicted"));
    labels.forEach(label -> out.append(String.format(cell, label)));
    out.append('\n');
    for (int g = 0; g < confusion.length; g++) {
      out.append(String.format("%-" + width + "s", labels.get(g)));
      for (int count : confusion[g]) {
        out.append(String.format(cell, count));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private int rowSum(int c) {
    int sum = 0;
    for (int count : confusion[c]) {
      sum += count;
    }
    return sum;
  }

  private int columnSum(int c) {
    int sum = 0;
    for (int[] row : confusion) {
      sum += row[c];
    }
    return sum;
  }
}
