package dev.distill.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import dev.distill.runtime.testing.ClassifierFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict --input}: texts from a file, one per line or JSONL, with errors that name the line. */
class PredictInputTest {
  private static final String GOOD = "a masterpiece , moving and beautifully acted";
  private static final String BAD = "dull , lifeless and a waste of time";

  @TempDir Path dir;

  private static String model() {
    return ClassifierFixture.classifier().toString();
  }

  private static List<String> labels(CliRun run) {
    JsonArray predictions = run.json().getAsJsonArray("predictions");
    List<String> labels = new ArrayList<>();
    predictions.forEach(p -> labels.add(p.getAsJsonObject().get("label").getAsString()));
    return labels;
  }

  @Test
  void aFileWithOneTextPerLineGivesTheSameAnswersAsArguments() throws IOException {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      texts.add(i % 2 == 0 ? GOOD + " " + i : BAD + " " + i);
    }
    Path file = dir.resolve("texts.txt");
    Files.write(file, texts, StandardCharsets.UTF_8);
    Files.writeString(file, "\n\n", java.nio.file.StandardOpenOption.APPEND); // blank lines are skipped

    CliRun fromFile = CliRun.of("predict", "--model", model(), "--batch", "7", "--input", file.toString(), "--json");
    assertEquals(0, fromFile.exitCode(), fromFile.toString());
    List<String> args = new ArrayList<>(List.of("predict", "--model", model(), "--json"));
    args.addAll(texts);
    CliRun fromArgs = CliRun.of(args.toArray(String[]::new));
    assertEquals(labels(fromArgs), labels(fromFile));
    assertEquals(40, labels(fromFile).size());
    assertTrue(fromFile.out().startsWith("1\t"), fromFile.toString());
  }

  @Test
  void jsonlTakesObjectsWithATextKeyOrPlainStrings() throws IOException {
    Path file = dir.resolve("texts.jsonl");
    Files.writeString(file, "{\"id\": 1, \"sentence\": \"" + GOOD + "\"}\n\"" + BAD + "\"\n",
        StandardCharsets.UTF_8);
    CliRun run = CliRun.of("predict", "--model", model(), "--input", file.toString(), "--json");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(List.of("1", "0"), labels(run));

    Path named = dir.resolve("named.jsonl");
    Files.writeString(named, "{\"body\": \"" + BAD + "\"}\n", StandardCharsets.UTF_8);
    CliRun withKey = CliRun.of("predict", "--model", model(), "--input", named.toString(),
        "--text-column", "body", "--json");
    assertEquals(List.of("0"), labels(withKey), withKey.toString());
  }

  @Test
  void badInputNamesTheFileAndTheLine() throws IOException {
    Path broken = dir.resolve("broken.jsonl");
    Files.writeString(broken, "{\"text\": \"fine\"}\n{\"text\": oops}\n", StandardCharsets.UTF_8);
    CliRun run = CliRun.of("predict", "--model", model(), "--input", broken.toString());
    assertEquals(Main.FAILURE, run.exitCode(), run.toString());
    assertTrue(run.err().contains(broken + ":2") && run.err().contains("not valid JSON"), run.err());

    Path noKey = dir.resolve("nokey.jsonl");
    Files.writeString(noKey, "{\"body\": \"fine\"}\n", StandardCharsets.UTF_8);
    CliRun missing = CliRun.of("predict", "--model", model(), "--input", noKey.toString());
    assertTrue(missing.err().contains(noKey + ":1") && missing.err().contains("--text-column"), missing.err());

    Path latin1 = dir.resolve("latin1.txt");
    Files.write(latin1, new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
    CliRun notUtf8 = CliRun.of("predict", "--model", model(), "--input", latin1.toString());
    assertTrue(notUtf8.err().contains(latin1 + ":2") && notUtf8.err().contains("UTF-8"), notUtf8.err());

    CliRun absent = CliRun.of("predict", "--model", model(), "--input", dir.resolve("absent.txt").toString());
    assertEquals(Main.FAILURE, absent.exitCode());
    assertTrue(absent.err().contains("absent.txt") && absent.err().contains("does not exist"), absent.err());
  }

  @Test
  void textsComeFromArgumentsOrInputNotBothNorNeither() {
    CliRun neither = CliRun.of("predict", "--model", model());
    assertEquals(Main.USAGE, neither.exitCode(), neither.toString());
    assertTrue(neither.err().contains("--input"), neither.err());
    CliRun both = CliRun.of("predict", "--model", model(), "--input", "-", GOOD);
    assertEquals(Main.USAGE, both.exitCode(), both.toString());
    assertTrue(both.err().contains("not both"), both.err());
  }
}
