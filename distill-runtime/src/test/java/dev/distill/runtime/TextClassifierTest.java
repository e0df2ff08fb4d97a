package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import dev.distill.runtime.testing.ClassifierFixture;
import dev.distill.runtime.testing.TestPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fixture classifier (real MiniLM encoder + centroid head) through the public API. */
class TextClassifierTest {
  private static TextClassifier classifier;
  private static List<TextRow> dev;

  @BeforeAll
  static void load() {
    classifier = TextClassifier.load(ClassifierFixture.classifier());
    dev = new TextFileReader("sentence", "label")
        .read(TestPaths.testdata().resolve("sst2/dev.tsv"));
  }

  @AfterAll
  static void close() {
    classifier.close();
  }

  @Test
  void beatsTheMajorityClassOnSst2DevByAClearMargin() {
    List<String> texts = new ArrayList<>();
    dev.forEach(row -> texts.add(row.text()));
    List<Prediction> predictions = classifier.predictBatch(texts);
    int correct = 0;
    int positives = 0;
    for (int i = 0; i < dev.size(); i++) {
      correct += predictions.get(i).label().equals(dev.get(i).label()) ? 1 : 0;
      positives += dev.get(i).label().equals("1") ? 1 : 0;
    }
    double accuracy = (double) correct / dev.size();
    double majority = Math.max(positives, dev.size() - positives) / (double) dev.size();
    System.out.printf("fixture classifier: SST-2 dev accuracy %.4f (majority %.4f, n=%d)%n",
        accuracy, majority, dev.size());
    assertTrue(accuracy >= 0.70, "accuracy " + accuracy);
    assertTrue(accuracy >= majority + 0.15, "accuracy " + accuracy + " vs majority " + majority);
  }

  @Test
  void readsLabelsMaxLengthAndChecksumFromConfig() {
    assertEquals(List.of("0", "1"), classifier.labels());
    assertEquals(ClassifierFixture.MAX_LENGTH, classifier.maxLength());
    assertEquals(Optional.of(ClassifierFixture.sha256(ClassifierFixture.classifier().resolve("model.onnx"))),
        classifier.config().modelSha256());
  }

  @Test
  void predictionsAreSoftmaxOfLogitsAndAgreeBetweenSingleAndBatch() {
    List<String> texts = List.of("a masterpiece", "dull and lifeless", "", "it 's fine");
    float[][] logits = classifier.logits(texts);
    List<Prediction> batch = classifier.predictBatch(texts);
    for (int i = 0; i < texts.size(); i++) {
      Prediction single = classifier.predict(texts.get(i));
      assertArrayEquals(Prediction.softmax(logits[i]), batch.get(i).probabilities(), 1e-6f);
      // Close, not bitwise: the int8 encoder quantizes activations per tensor, so the padding
      // in a batch shifts the numbers a little.
      assertArrayEquals(single.probabilities(), batch.get(i).probabilities(), 0.1f, texts.get(i));
      assertEquals(single, classifier.predictBatch(List.of(texts.get(i))).get(0), "batch of one");
      float sum = 0;
      for (float p : single.probabilities()) {
        sum += p;
      }
      assertEquals(1f, sum, 1e-5f);
      assertEquals(single.probabilities()[single.index()], single.score());
    }
    assertEquals("1", classifier.predict("a masterpiece , moving and beautifully acted").label());
    assertEquals("0", classifier.predict("dull , lifeless and a waste of time").label());
  }

  @Test
  void tokenizedPartsGiveTheLogitsOfTheirTextsInOneBatch() {
    List<String> texts = List.of("a masterpiece", "dull and lifeless", "", "it 's fine");
    EncodedBatch first = classifier.encode(texts.subList(0, 1)).orElseThrow();
    EncodedBatch rest = classifier.encode(texts.subList(1, 4)).orElseThrow();
    // The same batch as logits(texts) makes, so even an int8 model gives the same numbers.
    assertArrayEquals(classifier.logits(texts), classifier.logitsEncoded(List.of(first, rest)));
  }

  @Test
  void batchesLargerThanTheBatchSizeKeepInputOrder() {
    try (TextClassifier small = TextClassifier.load(ClassifierFixture.classifier(),
        ClassifierOptions.builder().batchSize(3).build())) {
      // Distinct lengths, shuffled: the classifier groups them by length, 3 at a time.
      List<String> texts = new ArrayList<>();
      for (int words = 1; words <= 8; words++) {
        texts.add("good ".repeat(words) + "film");
      }
      java.util.Collections.shuffle(texts, new java.util.Random(7));
      float[][] logits = small.logits(texts);

      List<String> byLength = new ArrayList<>(texts);
      byLength.sort(java.util.Comparator.comparingInt(String::length));
      for (int start = 0; start < byLength.size(); start += 3) {
        List<String> chunk = byLength.subList(start, Math.min(byLength.size(), start + 3));
        float[][] expected = small.logits(chunk);
        for (int k = 0; k < chunk.size(); k++) {
          assertArrayEquals(expected[k], logits[texts.indexOf(chunk.get(k))], chunk.get(k));
        }
      }
    }
  }
}
