package dev.distill.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
  @Test
  void accuracyMacroF1AndConfusion() {
    // gold a a a b b c ; predicted a a b b c c
    ClassificationMetrics m = ClassificationMetrics.of(List.of("a", "b", "c"),
        new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 2, 2});
    assertEquals(6, m.n());
    assertEquals(4 / 6.0, m.accuracy(), 1e-12);
    // F1: a = 2*2/(3+2) = 0.8; b = 2*1/(2+2) = 0.5; c = 2*1/(1+2) = 2/3
    assertEquals((0.8 + 0.5 + 2 / 3.0) / 3, m.macroF1(), 1e-12);
    assertArrayEquals(new int[] {2, 1, 0}, m.confusion()[0]);
    assertTrue(m.confusionTable().lines().count() == 4, m.confusionTable());
  }

  @Test
  void classesAbsentFromGoldAndPredictionsDoNotCount() {
    ClassificationMetrics m = ClassificationMetrics.of(List.of("a", "b", "unused"),
        new int[] {0, 1}, new int[] {0, 1});
    assertEquals(1.0, m.macroF1(), 1e-12);
  }
}
