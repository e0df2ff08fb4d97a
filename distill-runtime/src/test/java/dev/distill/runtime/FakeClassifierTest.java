package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.testing.KeywordClassifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Code that classifies can hold a {@link TextClassifier} and test itself with a fake: the fake
 * gives labels and logits, the interface turns them into predictions as a loaded model would.
 */
class FakeClassifierTest {
  /** What a user's code might do with the classifier it is given. */
  private static long countPositive(TextClassifier classifier, List<String> reviews) {
    return classifier.predictBatch(reviews).stream().filter(p -> p.label().equals("pos")).count();
  }

  @Test
  void aFakeServesTheDefaultPredictionsFromItsLogits() {
    try (TextClassifier fake = new KeywordClassifier()) {
      Prediction good = fake.predict("a good film");
      assertEquals("pos", good.label());
      assertEquals(1, good.index());
      assertEquals(1 / (1 + Math.exp(-2)), good.score(), 1e-6);
      assertEquals("neg", fake.predict("a bad film").label());
      assertEquals(2, countPositive(fake, List.of("good", "bad", "so good")));
      assertThrows(NullPointerException.class, () -> fake.predict(null));
    }
  }

  @Test
  void aFakeNeedNotTokenize() {
    try (TextClassifier fake = new KeywordClassifier()) {
      assertTrue(fake.encode(List.of("good")).isEmpty(), "callers fall back to logits(texts)");
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
          () -> fake.logitsEncoded(List.of()));
      assertTrue(e.getMessage().contains("call logits(texts)"), e.getMessage());
    }
  }
}
