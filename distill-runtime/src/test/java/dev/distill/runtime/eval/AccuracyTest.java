package dev.distill.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One rule for accuracy, whoever computes it. */
class AccuracyTest {
  @Test
  void countsOnlyLabeledExamples() {
    int u = Accuracy.UNLABELED;
    assertEquals(2 / 3.0, Accuracy.of(new int[] {0, 1, u, 1, u}, new int[] {0, 1, 1, 0, 0}), 1e-12);
  }

  @Test
  void isNaNWithoutALabeledExample() {
    assertTrue(Double.isNaN(Accuracy.of(new int[0], new int[0])));
    assertTrue(Double.isNaN(Accuracy.of(new int[] {Accuracy.UNLABELED}, new int[] {0})));
    assertTrue(Double.isNaN(Accuracy.share(0, 0)));
    ClassificationMetrics none = ClassificationMetrics.of(List.of("a", "b"), new int[0], new int[0]);
    assertTrue(Double.isNaN(none.accuracy()), "the runtime's metrics follow the same rule");
    assertTrue(Double.isNaN(none.macroF1()));
  }

  @Test
  void agreesWithTheRuntimesMetrics() {
    int[] gold = {0, 0, 1, 2, 2, 1};
    int[] predicted = {0, 1, 1, 2, 0, 1};
    assertEquals(ClassificationMetrics.of(List.of("a", "b", "c"), gold, predicted).accuracy(),
        Accuracy.of(gold, predicted), 1e-12);
  }

  @Test
  void refusesArraysOfDifferentLengths() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Accuracy.of(new int[2], new int[3]));
    assertTrue(e.getMessage().contains("2 gold labels but 3 predictions"), e.getMessage());
  }
}
