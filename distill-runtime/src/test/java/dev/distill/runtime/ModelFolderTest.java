package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.distill.runtime.testing.ClassifierFixture;
import dev.distill.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The writer and the reader of config.json are one type: what it writes, it reads back. */
class ModelFolderTest {
  private static final String SHA = "ab".repeat(32);

  @Test
  void writesConfigJsonInItsFixedLayout() {
    JsonObject metrics = new JsonObject();
    metrics.addProperty("dev_accuracy", 0.75);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("z", "last");
    settings.put("a", "first");
    String json = ModelFolder.configJson(List.of("neg", "pos & <mixed>"), 64, ModelFolder.DISTILL,
        ModelFolder.distillSection(SHA, "student-int8", metrics, settings, Map.of("p", "q")));
    assertEquals("{\n"
        + "  \"id2label\": {\n    \"0\": \"neg\",\n    \"1\": \"pos & <mixed>\"\n  },\n"
        + "  \"label2id\": {\n    \"neg\": 0,\n    \"pos & <mixed>\": 1\n  },\n"
        + "  \"max_length\": 64,\n"
        + "  \"distill\": {\n    \"model_sha256\": \"" + SHA + "\",\n"
        + "    \"student\": \"student-int8\",\n"
        + "    \"metrics\": {\n      \"dev_accuracy\": 0.75\n    },\n"
        + "    \"settings\": {\n      \"a\": \"first\",\n      \"z\": \"last\"\n    },\n"
        + "    \"provenance\": {\n      \"p\": \"q\"\n    }\n  }\n}\n", json);
  }

  @Test
  void readsBackWhatItWrites() throws IOException {
    ModelFolder folder = ModelFolder.at(Files.createTempDirectory(
        Files.createDirectories(TestPaths.targetDir("model-folder")), "config-"));
    folder.writeConfig(ModelFolder.configJson(List.of("a", "b", "c"), 32, ModelFolder.DISTILL,
        ModelFolder.distillSection(SHA, "student-fp32", new JsonObject(), Map.of(), Map.of())));
    ModelConfig config = folder.readConfig();
    assertEquals(List.of("a", "b", "c"), config.labels());
    assertEquals(OptionalInt.of(32), config.maxLength());
    assertEquals(Optional.of(SHA), config.modelSha256());
    assertEquals(folder.config().toString(), config.location());
  }

  @Test
  void namesTheFilesOfAFolderAndBesideAModelFile() {
    Path classifier = ClassifierFixture.classifier();
    ModelFolder folder = ModelFolder.at(classifier);
    assertTrue(folder.hasAllFiles());
    assertEquals(classifier.resolve("model.onnx"), folder.model());
    assertEquals(classifier.resolve("model.onnx"), ModelFolder.modelFileOf(classifier));
    Path bare = classifier.resolve("encoder.onnx");
    assertEquals(bare, ModelFolder.modelFileOf(bare), "a file is the model itself");
    assertEquals(classifier.resolve("tokenizer.json"), ModelFolder.tokenizerBeside(bare));
    assertEquals(classifier.resolve("config.json"), ModelFolder.configBeside(bare));
    assertFalse(ModelFolder.at(classifier.resolve("no-such")).hasAllFiles());
  }
}
