package dev.distill.runtime.testing;

import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.ModelConfig;
import dev.distill.runtime.TextClassifier;
import java.util.List;

/**
 * A fake {@link TextClassifier}, as a user's test would write one: it says "pos" for texts with
 * "good" in them, "neg" otherwise, and does not tokenize ({@link TextClassifier#encode} is empty).
 */
public final class KeywordClassifier implements TextClassifier {
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
