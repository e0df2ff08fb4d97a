package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.testing.TestPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ModelConfigTest {
  @Test
  void parsesLabelsInIdOrderMaxLengthAndTheDistillSection() {
    String sha = "ab".repeat(32);
    ModelConfig config = ModelConfig.parse("\uFEFF{\"id2label\": {\"1\": \"pos\", \"0\": \"neg\"},"
        + " \"max_length\": 48, \"distill\": {\"model_sha256\": \"" + sha.toUpperCase() + "\","
        + " \"metrics\": {\"dev_accuracy\": 0.9}}}", "test/config.json");
    assertEquals(List.of("neg", "pos"), config.labels());
    assertEquals(OptionalInt.of(48), config.maxLength());
    assertEquals(Optional.of(sha), config.modelSha256());
    assertEquals(0.9, config.distill().orElseThrow().getAsJsonObject("metrics")
        .get("dev_accuracy").getAsDouble());
  }

  @Test
  void badValuesNameTheFileAndSetting() {
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelConfig.parse(
        "{\"id2label\": {\"0\": \"a\"}, \"distill\": {\"model_sha256\": \"xyz\"}}", "c.json"));
    TextClassifierErrorsTest.assertMentions(e, "c.json", "model_sha256", "xyz");
    e = assertThrows(ModelLoadException.class, () -> ModelConfig.parse(
        "{\"id2label\": {\"0\": \"a\"}, \"max_length\": \"long\"}", "c.json"));
    TextClassifierErrorsTest.assertMentions(e, "c.json", "max_length", "long");
    e = assertThrows(ModelLoadException.class, () -> ModelConfig.parse("[1, 2]", "c.json"));
    TextClassifierErrorsTest.assertMentions(e, "c.json", "JSON object");
    e = assertThrows(ModelLoadException.class,
        () -> ModelConfig.read(Path.of("target", "no-such", "config.json")));
    TextClassifierErrorsTest.assertMentions(e, "config.json", "does not exist");
  }

  @Test
  void readsTheSharedTeachersConfigs() {
    Path teachers = TestPaths.sharedOrSkip().resolve("teachers");
    ModelConfig agnews = ModelConfig.read(teachers.resolve("agnews-bge-probe/config.json"));
    assertEquals(List.of("World", "Sports", "Business", "Sci/Tech"), agnews.labels());
    ModelConfig sst2 = ModelConfig.read(teachers.resolve("sst2-minilm/config.json"));
    assertEquals(List.of("0", "1"), sst2.labels());
    assertTrue(sst2.maxLength().isPresent());
    assertTrue(sst2.modelSha256().isEmpty(), "a HuggingFace export has no distill section");
  }
}
