package dev.distill.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.distill.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shared teachers, exported by HuggingFace tooling, reproduce the dev accuracy recorded in
 * their config.json through {@code eval} (skipped when ../shared is absent).
 */
class TeacherEvalTest {

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
      "sst2-minilm, sst2/dev.tsv, 872",
      "agnews-bge-probe, agnews/dev.tsv, 1001"})
  void evalReproducesTheRecordedDevAccuracy(String teacher, String data, int rows)
      throws IOException {
    Path shared = TestPaths.sharedOrSkip();
    Path folder = shared.resolve("teachers").resolve(teacher);
    JsonObject config = JsonParser.parseString(Files.readString(folder.resolve("config.json")))
        .getAsJsonObject();
    double recorded = config.get("dev_accuracy").getAsDouble();

    CliRun run = CliRun.of("eval", "--model", folder.toString(),
        "--data", shared.resolve("data").resolve(data).toString(), "--threads", "1", "--json");

    assertEquals(0, run.exitCode(), run.toString());
    System.out.println(run.out());
    JsonObject json = run.json();
    assertEquals(rows, json.get("n").getAsInt());
    assertEquals(recorded, json.get("accuracy").getAsDouble(), 0.003,
        teacher + ": measured vs config.json dev_accuracy\n" + run);
  }
}
