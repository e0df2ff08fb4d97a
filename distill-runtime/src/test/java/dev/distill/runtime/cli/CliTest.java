package dev.distill.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.distill.runtime.testing.ClassifierFixture;
import dev.distill.runtime.testing.ModelJars;
import dev.distill.runtime.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict, eval and bench in this JVM, on the fixture classifier. */
class CliTest {
  private static String model() {
    return ClassifierFixture.classifier().toString();
  }

  private static String sst2Dev() {
    return TestPaths.testdata().resolve("sst2/dev.tsv").toString();
  }

  @Test
  void predictPrintsOneLinePerTextAndEndsWithJson() {
    CliRun run = CliRun.of("predict", "--model", model(), "--json",
        "a masterpiece , moving and beautifully acted", "dull , lifeless and a waste of time");
    assertEquals(0, run.exitCode(), run.toString());
    JsonArray predictions = run.json().getAsJsonArray("predictions");
    assertEquals(2, predictions.size());
    assertEquals("1", predictions.get(0).getAsJsonObject().get("label").getAsString());
    assertEquals("0", predictions.get(1).getAsJsonObject().get("label").getAsString());
    JsonObject probabilities = predictions.get(0).getAsJsonObject().getAsJsonObject("probabilities");
    assertEquals(1.0, probabilities.get("0").getAsDouble() + probabilities.get("1").getAsDouble(), 1e-5);
    assertTrue(run.out().startsWith("1\t"), run.toString());
  }

  @Test
  void evalReportsAccuracyMacroF1AndTheConfusionMatrix() {
    CliRun run = CliRun.of("eval", "--model", model(), "--data", sst2Dev(), "--json");
    assertEquals(0, run.exitCode(), run.toString());
    JsonObject json = run.json();
    assertEquals(872, json.get("n").getAsInt());
    double accuracy = json.get("accuracy").getAsDouble();
    assertTrue(accuracy > 0.7 && accuracy < 1, run.toString());
    double macroF1 = json.get("macroF1").getAsDouble();
    assertTrue(macroF1 > 0.6 && macroF1 <= 1, run.toString());
    JsonArray confusion = json.getAsJsonArray("confusion");
    int diagonal = confusion.get(0).getAsJsonArray().get(0).getAsInt()
        + confusion.get(1).getAsJsonArray().get(1).getAsInt();
    assertEquals(accuracy, diagonal / 872.0, 1e-9);
    assertTrue(run.out().contains("confusion matrix"), run.toString());
  }

  @Test
  void benchReportsLatencyThroughputAndLoadTime() {
    CliRun run = CliRun.of("bench", "--model", model(), "--data", sst2Dev(), "--limit", "100",
        "--warmup", "5", "--batch", "16", "--json");
    assertEquals(0, run.exitCode(), run.toString());
    JsonObject json = run.json();
    System.out.println(run.out());
    for (String key : new String[] {"p50Ms", "p99Ms", "throughput", "loadMs"}) {
      assertTrue(json.get(key).getAsDouble() > 0, key + " in " + run);
    }
    assertTrue(json.get("p99Ms").getAsDouble() >= json.get("p50Ms").getAsDouble());
    assertEquals(100, json.get("n").getAsInt());
  }

  @Test
  void predictFromAJarChoosesItsOnlyModelOrAsksForANameAmongSeveral(@TempDir Path temp)
      throws IOException {
    Path one = jar(temp.resolve("one.jar"), "sentiment");
    CliRun run = CliRun.of("predict", "--model", one.toString(), "--json", "a masterpiece");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(1, run.json().getAsJsonArray("predictions").size());

    Path two = jar(temp.resolve("two.jar"), "alpha", "beta");
    CliRun ambiguous = CliRun.of("predict", "--model", two.toString(), "a masterpiece");
    assertEquals(1, ambiguous.exitCode(), ambiguous.toString());
    assertTrue(ambiguous.err().contains("[alpha, beta]") && ambiguous.err().contains("--name"),
        ambiguous.toString());
    CliRun named = CliRun.of("predict", "--model", two.toString(), "--name", "beta", "a masterpiece");
    assertEquals(0, named.exitCode(), named.toString());
  }

  @Test
  void evalErrorsNameTheFileLineAndValue(@TempDir Path temp) throws IOException {
    Path unknown = temp.resolve("unknown.tsv");
    Files.writeString(unknown, "label\tsentence\n1\tgood\npositive\tfine\n");
    CliRun run = CliRun.of("eval", "--model", model(), "--data", unknown.toString());
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.err().contains(unknown + ":3") && run.err().contains("'positive'"), run.toString());

    Path noColumn = temp.resolve("nocolumn.csv");
    Files.writeString(noColumn, "text,gold\ngood,1\n");
    run = CliRun.of("eval", "--model", model(), "--data", noColumn.toString());
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.err().contains(noColumn + ":1") && run.err().contains("'label'")
        && run.err().contains("'text', 'gold'"), run.toString());
  }

  @Test
  void usageErrorsExitWithTwo() {
    CliRun missingModel = CliRun.of("predict", "some text");
    assertEquals(2, missingModel.exitCode(), missingModel.toString());
    assertTrue(missingModel.err().contains("--model"), missingModel.toString());
    assertEquals(2, CliRun.of().exitCode());
    assertEquals(2, CliRun.of("frobnicate").exitCode());
  }

  @Test
  void aMissingModelFailsWithExitOne(@TempDir Path temp) {
    CliRun run = CliRun.of("predict", "--model", temp.resolve("nothing").toString(), "x");
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.err().contains(temp.resolve("nothing").toString()), run.toString());
  }

  private static Path jar(Path jar, String... names) throws IOException {
    Map<String, Path> models = new LinkedHashMap<>();
    for (String name : names) {
      models.put(name, ClassifierFixture.classifier());
    }
    return ModelJars.write(jar, models);
  }
}
