package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.testing.ClassifierFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets an error that names the file or setting at fault. */
class TextClassifierErrorsTest {
  private static final String NO_SHA_CONFIG =
      "{\"id2label\": {\"0\": \"0\", \"1\": \"1\"}, \"max_length\": 64}";

  private static TextClassifier classifier;

  @TempDir Path temp;

  @BeforeAll
  static void load() {
    classifier = TextClassifier.load(ClassifierFixture.classifier());
  }

  @AfterAll
  static void close() {
    classifier.close();
  }

  @Test
  void missingFolder() {
    Path missing = temp.resolve("no-such-model");
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> TextClassifier.load(missing));
    assertMentions(e, missing.toString(), "not found");
  }

  @Test
  void missingModelFile() throws IOException {
    Path folder = ClassifierFixture.copyTo(temp.resolve("m"));
    Files.delete(folder.resolve("model.onnx"));
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> TextClassifier.load(folder));
    assertMentions(e, "Missing model.onnx", folder.resolve("model.onnx").toString());
  }

  @Test
  void corruptModelFile() throws IOException {
    Path folder = ClassifierFixture.copyTo(temp.resolve("m"));
    Files.write(folder.resolve("model.onnx"), "this is not a protobuf".getBytes(StandardCharsets.UTF_8));
    Files.writeString(folder.resolve("config.json"), NO_SHA_CONFIG);
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> TextClassifier.load(folder));
    assertMentions(e, folder.resolve("model.onnx").toString(), "ONNX Runtime");
  }

  @Test
  void checksumMismatchNamesExpectedAndActual() throws IOException {
    Path folder = ClassifierFixture.copyTo(temp.resolve("m"));
    Path model = folder.resolve("model.onnx");
    String expected = ClassifierFixture.sha256(model);
    byte[] bytes = Files.readAllBytes(model);
    bytes[bytes.length / 2] ^= 0x5a; // inside the weights: still a loadable model
    Files.write(model, bytes);
    String actual = ClassifierFixture.sha256(model);

    ModelLoadException e = assertThrows(ModelLoadException.class, () -> TextClassifier.load(folder));
    assertMentions(e, model.toString(), expected, actual, "verifyChecksum(false)");
    try (TextClassifier unchecked = TextClassifier.load(folder,
        ClassifierOptions.builder().verifyChecksum(false).build())) {
      assertEquals(2, unchecked.predict("fine").probabilities().length);
    }
  }

  @Test
  void configWithoutId2label() throws IOException {
    Path folder = ClassifierFixture.copyTo(temp.resolve("m"));
    Files.writeString(folder.resolve("config.json"), "{\"max_length\": 64}");
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> TextClassifier.load(folder));
    assertMentions(e, folder.resolve("config.json").toString(), "id2label");
  }

  @Test
  void id2labelWithAGap() throws IOException {
    Path folder = ClassifierFixture.copyTo(temp.resolve("m"));
    Files.writeString(folder.resolve("config.json"), "{\"id2label\": {\"0\": \"a\", \"2\": \"b\"}}");
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> TextClassifier.load(folder));
    assertMentions(e, folder.resolve("config.json").toString(), "gap");
  }

  @Test
  void moreLabelsThanLogits() throws IOException {
    Path folder = ClassifierFixture.copyTo(temp.resolve("m"));
    Files.writeString(folder.resolve("config.json"),
        "{\"id2label\": {\"0\": \"a\", \"1\": \"b\", \"2\": \"c\"}}");
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> TextClassifier.load(folder));
    assertMentions(e, folder.resolve("model.onnx").toString(), "2 logits", "3 labels",
        folder.resolve("config.json").toString());
  }

  @Test
  void modelWithoutLogitsListsItsOutputs() throws IOException {
    Path folder = ClassifierFixture.copyTo(temp.resolve("m"));
    Files.copy(ClassifierFixture.encoder(), folder.resolve("model.onnx"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(folder.resolve("config.json"), NO_SHA_CONFIG);
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> TextClassifier.load(folder));
    assertMentions(e, folder.resolve("model.onnx").toString(), "'logits'", "last_hidden_state");
  }

  @Test
  void emptyTextIsClassifiedFromTheSpecialTokens() {
    Prediction p = classifier.predict("");
    assertEquals(2, p.probabilities().length);
    assertEquals(1f, p.probabilities()[0] + p.probabilities()[1], 1e-5f);
  }

  @Test
  void nullTextIsRejectedWithAMessage() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> classifier.predict(null));
    assertMentions(e, "text");
    NullPointerException inBatch = assertThrows(NullPointerException.class,
        () -> classifier.predictBatch(Arrays.asList("ok", null)));
    assertMentions(inBatch, "index 1");
  }

  @Test
  void aHundredThousandCharacterTextIsTruncatedToItsFirst64Tokens() {
    String sentence = "the film is a quiet , moving portrait of a family that never quite works out ";
    String longText = sentence.repeat(100_000 / sentence.length() + 1);
    assertTrue(longText.length() >= 100_000);
    String prefix = sentence.repeat(8); // ~130 tokens: also cut at 64, after the same tokens
    try (TextEncoder encoder = TextEncoder.load(ClassifierFixture.tokenizer(), 64)) {
      EncodedBatch both = encoder.encode(List.of(longText, prefix));
      assertEquals(64, both.lengths()[0]);
      assertEquals(Arrays.toString(both.inputIds()[1]), Arrays.toString(both.inputIds()[0]));
    }
    assertEquals(classifier.predict(prefix), classifier.predict(longText));
  }

  @Test
  void useAfterCloseThrowsIllegalState() {
    TextClassifier closing = TextClassifier.load(ClassifierFixture.classifier());
    closing.close();
    closing.close(); // idempotent
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> closing.predict("x"));
    assertMentions(e, "closed", ClassifierFixture.classifier().resolve("model.onnx").toString());
  }

  @Test
  void absentClasspathNameSaysDistillCompressMustRun() {
    ModelLoadException e = assertThrows(ModelLoadException.class,
        () -> TextClassifier.load("no-such-model"));
    assertMentions(e, "META-INF/distill/no-such-model/model.onnx", "distill:compress");
  }

  @Test
  void unannotatedDescriptorClass() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TextClassifier.load(String.class));
    assertMentions(e, "java.lang.String", "@dev.distill.annotations.Distill");
  }

  @Test
  void invalidOptionsNameTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClassifierOptions.builder().batchSize(0));
    assertMentions(e, "batchSize", "0");
    e = assertThrows(IllegalArgumentException.class,
        () -> ClassifierOptions.builder().intraOpThreads(-1));
    assertMentions(e, "intraOpThreads", "-1");
  }

  static void assertMentions(Throwable e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage() != null && e.getMessage().contains(part),
          "message should mention '" + part + "': " + e.getMessage());
    }
  }
}
