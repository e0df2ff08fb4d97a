package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Code that classifies can hold a {@link TextClassifier} and test itself with a fake: the fake
 * gives labels and logits, the interface turns them into predictions as a loaded model would.
 */
class FakeClassifierTest {
  /** Says "pos" for texts with "good" in them, "neg" otherwise. */
  private static final class KeywordClassifier implements TextClassifier {
    private final ModelConfig config =
        ModelConfig.parse("{\"id2label\": {\"0\": \"neg\", \"1\": \"pos\"}}", "fake config");

    @Override
    public float[][] logits(List<String> texts) {
      float[][] out = new float[texts.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = texts.get(i).contains("good") ? new float[] {0, 2} : new float[] {2, 0};
      }
      return out;
    }

    @Override
    public List<String> labels() {
      return config.labels();
    }

    @Override
    public ModelConfig config() {
      return config;
    }

    @Override
    public ClassifierOptions options() {
      return ClassifierOptions.defaults();
    }

    @Override
    public int maxLength() {
      return ClassifierOptions.DEFAULT_MAX_LENGTH;
    }

    @Override
    public void close() {}
  }

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
}
