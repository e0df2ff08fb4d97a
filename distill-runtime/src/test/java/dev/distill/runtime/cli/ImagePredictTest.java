package dev.distill.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.ImageClassifier;
import dev.distill.runtime.Prediction;
import dev.distill.runtime.testing.ClassifierFixture;
import dev.distill.runtime.testing.ModelJars;
import dev.distill.runtime.testing.TestPaths;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} on the committed Fashion-MNIST teacher and three of its committed test PNGs: the CLI's answers
 * against {@link ImageClassifier} called directly, and the same images from a folder, a CSV and standard input.
 */
class ImagePredictTest {
  @TempDir Path dir;

  static Path fashion() {
    return TestPaths.testdata().resolve("fashion-mnist");
  }

  static String teacher() {
    return fashion().resolve("teacher").toString();
  }

  /** Three images of three classes, in the order their paths sort. */
  private static List<Path> threeImages() {
    Path test = fashion().resolve("test");
    return List.of(test.resolve("ankle-boot/00039.png"), test.resolve("bag/00018.png"),
        test.resolve("coat/00014.png"));
  }

  private static List<String> column(CliRun run, String key) {
    JsonArray predictions = run.json().getAsJsonArray("predictions");
    List<String> values = new ArrayList<>();
    predictions.forEach(p -> values.add(p.getAsJsonObject().get(key).getAsString()));
    return values;
  }

  @Test
  void predictGivesWhatImageClassifierGivesAndEndsWithJson() {
    List<Path> images = threeImages();
    List<String> args = new ArrayList<>(List.of("predict", "--model", teacher(), "--threads", "1", "--json"));
    images.forEach(image -> args.add(image.toString()));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.toString());

    String[] lines = run.out().strip().split("\\R");
    assertEquals(images.size() + 1, lines.length, run.toString());
    JsonArray predictions = run.json().getAsJsonArray("predictions");
    try (ImageClassifier classifier = ImageClassifier.load(fashion().resolve("teacher"),
        ClassifierOptions.builder().intraOpThreads(1).build())) {
      for (int i = 0; i < images.size(); i++) {
        Prediction direct = classifier.predict(images.get(i));
        String[] fields = lines[i].split("\t");
        assertEquals(direct.label(), fields[0], lines[i]);
        assertEquals(direct.score(), Double.parseDouble(fields[1]), 1e-4, lines[i]);
        assertEquals(images.get(i).toString(), fields[2]);

        JsonObject row = predictions.get(i).getAsJsonObject();
        assertEquals(images.get(i).toString(), row.get("image").getAsString());
        assertEquals(direct.label(), row.get("label").getAsString());
        assertEquals(direct.index(), row.get("index").getAsInt());
        assertEquals(direct.score(), row.get("score").getAsFloat(), 1e-6f);
        JsonObject probabilities = row.getAsJsonObject("probabilities");
        assertEquals(classifier.labels().size(), probabilities.size());
        double sum = 0;
        for (String label : classifier.labels()) {
          sum += probabilities.get(label).getAsDouble();
        }
        assertEquals(1.0, sum, 1e-4);
      }
    }
    // The three are of three classes that the teacher tells apart: a CLI that ignored its arguments would not match.
    assertEquals(List.of("ankle-boot", "bag", "coat"), column(run, "label"), run.toString());
  }

  @Test
  void anImageModelInAJarBesideATextModelIsChosenByName() throws IOException {
    Map<String, Path> models = new LinkedHashMap<>();
    models.put("fashion", fashion().resolve("teacher"));
    models.put("sentiment", ClassifierFixture.classifier());
    Path jar = ModelJars.write(dir.resolve("app.jar"), models);
    List<String> args = new ArrayList<>(List.of("predict", "--model", jar.toString(), "--name", "fashion",
        "--threads", "1", "--json"));
    threeImages().forEach(image -> args.add(image.toString()));
    CliRun images = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, images.exitCode(), images.toString());
    assertEquals(List.of("ankle-boot", "bag", "coat"), column(images, "label"), images.toString());

    CliRun bench = CliRun.of("bench", "--model", jar.toString(), "--name", "fashion", "--threads", "1",
        "--data", fashion().resolve("test").toString(), "--json");
    assertEquals(0, bench.exitCode(), bench.toString());

    // The text model of the same jar is still read as text.
    CliRun text = CliRun.of("predict", "--model", jar.toString(), "--name", "sentiment", "a masterpiece");
    assertEquals(0, text.exitCode(), text.toString());
    CliRun textOption = CliRun.of("predict", "--model", jar.toString(), "--name", "fashion", "--max-length", "8",
        threeImages().get(0).toString());
    assertEquals(2, textOption.exitCode(), textOption.toString());
    assertTrue(textOption.err().contains("--max-length"), textOption.err());
  }

  @Test
  void inputTakesAFolderAtAnyDepthACsvOfRelativePathsOrStandardInput() throws IOException {
    List<Path> images = threeImages();
    Path folder = dir.resolve("images");
    List<Path> copies = List.of(folder.resolve("a/one.png"), folder.resolve("b/deeper/two.PNG"),
        folder.resolve("c.png"));
    for (int i = 0; i < images.size(); i++) {
      Files.createDirectories(copies.get(i).getParent());
      Files.copy(images.get(i), copies.get(i));
    }
    Files.writeString(folder.resolve("notes.txt"), "not an image, and skipped: only .png/.jpg/.jpeg are listed");
    CliRun fromFolder = CliRun.of("predict", "--model", teacher(), "--threads", "1", "--batch", "2",
        "--input", folder.toString(), "--json");
    assertEquals(0, fromFolder.exitCode(), fromFolder.toString());
    assertEquals(copies.stream().map(Path::toString).toList(), column(fromFolder, "image"));
    assertEquals(List.of("ankle-boot", "bag", "coat"), column(fromFolder, "label"));

    Path csv = dir.resolve("list.csv");
    Files.writeString(csv, "id,path\n1,images/c.png\n2,images/a/one.png\n", StandardCharsets.UTF_8);
    CliRun fromCsv = CliRun.of("predict", "--model", teacher(), "--threads", "1", "--input", csv.toString(),
        "--json");
    assertEquals(0, fromCsv.exitCode(), fromCsv.toString());
    assertEquals(List.of("coat", "ankle-boot"), column(fromCsv, "label"), fromCsv.toString());

    Path list = dir.resolve("list.txt");
    Files.writeString(list, "images/c.png\n\n" + copies.get(1) + "\n", StandardCharsets.UTF_8);
    CliRun fromList = CliRun.of("predict", "--model", teacher(), "--threads", "1", "--input", list.toString(),
        "--json");
    assertEquals(0, fromList.exitCode(), fromList.toString());
    assertEquals(List.of("coat", "bag"), column(fromList, "label"), "relative to the list's folder: " + fromList);
    Files.writeString(list, "images/absent.png\n", StandardCharsets.UTF_8);
    CliRun badList = CliRun.of("predict", "--model", teacher(), "--input", list.toString());
    assertEquals(Main.FAILURE, badList.exitCode(), badList.toString());
    assertTrue(badList.err().contains("does not exist (listed in " + list) && badList.err().contains(dir.toString()),
        badList.err());

    CliRun fromStdin = withStdin(copies.get(1) + "\n\n" + copies.get(0) + "\n",
        () -> CliRun.of("predict", "--model", teacher(), "--threads", "1", "--input", "-", "--json"));
    assertEquals(0, fromStdin.exitCode(), fromStdin.toString());
    assertEquals(List.of("bag", "ankle-boot"), column(fromStdin, "label"), fromStdin.toString());
  }

  @Test
  void badImagesAndMissingPathsNameTheFile() throws IOException {
    Path notImage = dir.resolve("notes.png");
    Files.writeString(notImage, "a text file with an image's name");
    String good = threeImages().get(0).toString();
    CliRun run = CliRun.of("predict", "--model", teacher(), good, notImage.toString());
    assertEquals(Main.FAILURE, run.exitCode(), run.toString());
    assertTrue(run.err().contains(notImage.toString()) && run.err().contains("PNG or JPEG"), run.err());

    Path absent = dir.resolve("absent.png");
    CliRun missing = CliRun.of("predict", "--model", teacher(), good, absent.toString());
    assertEquals(Main.FAILURE, missing.exitCode(), missing.toString());
    assertTrue(missing.err().contains(absent + ": does not exist"), missing.err());
    assertTrue(missing.out().isEmpty(), "nothing is classified before every argument is checked: " + missing);

    CliRun missingOnStdin = withStdin(absent + "\n",
        () -> CliRun.of("predict", "--model", teacher(), "--input", "-"));
    assertEquals(Main.FAILURE, missingOnStdin.exitCode(), missingOnStdin.toString());
    assertTrue(missingOnStdin.err().contains(absent + ": does not exist (read from standard input"),
        missingOnStdin.err());

    CliRun folderArgument = CliRun.of("predict", "--model", teacher(), dir.toString());
    assertEquals(Main.FAILURE, folderArgument.exitCode(), folderArgument.toString());
    assertTrue(folderArgument.err().contains("is a folder") && folderArgument.err().contains("--input " + dir),
        folderArgument.err());

    Path empty = Files.createDirectories(dir.resolve("empty/sub"));
    CliRun emptyFolder = CliRun.of("predict", "--model", teacher(), "--input", empty.getParent().toString());
    assertEquals(Main.FAILURE, emptyFolder.exitCode(), emptyFolder.toString());
    assertTrue(emptyFolder.err().contains(empty.getParent() + ": holds no images"), emptyFolder.err());

    Path list = Files.writeString(dir.resolve("list.lst"), good + "\n");
    CliRun notCsv = CliRun.of("predict", "--model", teacher(), "--input", list.toString());
    assertEquals(Main.FAILURE, notCsv.exitCode(), notCsv.toString());
    assertTrue(notCsv.err().contains(list + ": is neither a folder nor a .csv file"), notCsv.err());

    Path csv = Files.writeString(dir.resolve("gone.csv"), "path\nabsent.png\n");
    CliRun csvMissing = CliRun.of("predict", "--model", teacher(), "--input", csv.toString());
    assertEquals(Main.FAILURE, csvMissing.exitCode(), csvMissing.toString());
    assertTrue(csvMissing.err().contains(csv + ":2") && csvMissing.err().contains("does not exist"),
        csvMissing.err());
  }

  @Test
  void textOptionsAreUsageErrorsForAnImageModel() {
    String good = threeImages().get(0).toString();
    String[][] cases = {
        {"predict", "--model", teacher(), "--max-length", "64", good},
        {"predict", "--model", teacher(), "--text-column", "text", good},
        {"predict", "--model", teacher(), "--input-format", "JSONL", "--input", "-"},
        {"bench", "--model", teacher(), "--data", fashion().resolve("test").toString(), "--max-length", "64"},
        {"bench", "--model", teacher(), "--data", fashion().resolve("test").toString(), "--text-column", "x"},
        {"eval", "--model", teacher(), "--data", fashion().resolve("test").toString(), "--max-length", "64"},
    };
    for (String[] args : cases) {
      CliRun run = CliRun.of(args);
      assertEquals(Main.USAGE, run.exitCode(), String.join(" ", args) + "\n" + run);
      assertTrue(run.err().contains("is for text models, but " + teacher() + " is an image classifier"),
          run.err());
    }
  }

  /** Runs the CLI with {@code text} as its standard input (the tests of a class run one at a time). */
  static CliRun withStdin(String text, Supplier<CliRun> run) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    try {
      return run.get();
    } finally {
      System.setIn(saved);
    }
  }
}
