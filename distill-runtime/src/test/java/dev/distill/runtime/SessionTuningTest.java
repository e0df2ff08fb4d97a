package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.distill.nativelib.OnnxRuntimeNatives;
import dev.distill.runtime.testing.ClassifierFixture;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ClassifierOptions' graph optimization level and execution provider, on a real model. */
class SessionTuningTest {
  /** Texts the fixture classifies with a clear margin (a near tie may flip with rounding). */
  private static final List<String> TEXTS = List.of("a gripping, funny film", "dull and far too long",
      "an utterly delightful, moving and beautifully acted film",
      "a boring, tedious mess with no redeeming qualities");

  @Test
  void everyOptimizationLevelGivesTheSamePredictions() {
    Path folder = ClassifierFixture.classifier();
    float[][] reference;
    List<Prediction> expected;
    try (TextClassifier classifier = TextClassifier.load(folder)) {
      assertEquals(GraphOptimization.ALL, classifier.options().graphOptimization(), "the default");
      reference = classifier.logits(TEXTS);
      expected = classifier.predictBatch(TEXTS);
    }
    for (GraphOptimization level : GraphOptimization.values()) {
      ClassifierOptions options = ClassifierOptions.builder().graphOptimization(level).build();
      try (TextClassifier classifier = TextClassifier.load(folder, options)) {
        assertEquals(level, classifier.options().graphOptimization());
        float[][] logits = classifier.logits(TEXTS);
        List<Prediction> predictions = classifier.predictBatch(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
          assertEquals(expected.get(i).label(), predictions.get(i).label(), level + ": " + TEXTS.get(i));
          // The fixture's encoder is int8, whose unfused and fused kernels round differently
          // (probabilities move by about 0.001); the function is the same.
          assertArrayEquals(expected.get(i).probabilities(), predictions.get(i).probabilities(), 0.01f,
              level + ": " + TEXTS.get(i));
        }
        if (level == GraphOptimization.NONE) {
          assertFalse(Arrays.deepEquals(reference, logits),
              "the level reaches ONNX Runtime: the unoptimized graph's numbers are not the fused one's");
        }
      }
    }
  }

  @Test
  void aProviderThatOnnxRuntimeLacksFailsTheLoadSayingSo() {
    OnnxRuntimeNatives.load(); // before the first ONNX Runtime class, as the runtime itself does
    assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
        "this ONNX Runtime has CUDA: nothing to refuse");
    Path folder = ClassifierFixture.classifier();
    ClassifierOptions cuda = ClassifierOptions.builder().executionProvider(ExecutionProvider.CUDA).build();
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> TextClassifier.load(folder, cuda));
    TextClassifierErrorsTest.assertMentions(e, folder.resolve("model.onnx").toString(),
        "ExecutionProvider.CUDA", "no CUDA provider", "CPU", "onnxruntime_gpu");
    // The failed load freed what it had opened: the same folder loads on the CPU at once.
    try (TextClassifier classifier = TextClassifier.load(folder)) {
      assertEquals(ExecutionProvider.CPU, classifier.options().executionProvider(), "the default");
      assertEquals(TEXTS.size(), classifier.predictBatch(TEXTS).size());
    }
  }

  @Test
  void nullAndUnknownValuesAreRefusedByName() {
    ClassifierOptions.Builder builder = ClassifierOptions.builder();
    TextClassifierErrorsTest.assertMentions(
        assertThrows(IllegalArgumentException.class, () -> builder.graphOptimization(null)),
        "ClassifierOptions.graphOptimization", "NONE", "ALL");
    TextClassifierErrorsTest.assertMentions(
        assertThrows(IllegalArgumentException.class, () -> builder.executionProvider(null)),
        "ClassifierOptions.executionProvider", "CPU", "CUDA");
    assertEquals(GraphOptimization.EXTENDED, GraphOptimization.parse(" Extended "));
    assertEquals(ExecutionProvider.CUDA, ExecutionProvider.parse("cuda"));
    TextClassifierErrorsTest.assertMentions(
        assertThrows(IllegalArgumentException.class, () -> GraphOptimization.parse("max")),
        "'max'", "none", "basic", "extended", "layout", "all");
    TextClassifierErrorsTest.assertMentions(
        assertThrows(IllegalArgumentException.class, () -> ExecutionProvider.parse("tpu")),
        "'tpu'", "cpu", "cuda");
  }

  @Test
  void theOptionsCarryBothSettingsThroughToBuilder() {
    ClassifierOptions options = ClassifierOptions.builder().graphOptimization(GraphOptimization.NONE)
        .executionProvider(ExecutionProvider.CUDA).build();
    ClassifierOptions copy = options.toBuilder().build();
    assertEquals(GraphOptimization.NONE, copy.graphOptimization());
    assertEquals(ExecutionProvider.CUDA, copy.executionProvider());
    assertEquals(GraphOptimization.ALL, ClassifierOptions.defaults().graphOptimization());
    assertEquals(ExecutionProvider.CPU, ClassifierOptions.defaults().executionProvider());
  }
}
