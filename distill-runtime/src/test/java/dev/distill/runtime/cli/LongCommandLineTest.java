package dev.distill.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.Prediction;
import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.testing.ClassifierFixture;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM with a long command line loads a classifier and predicts, and JVMs that load one, a killed one among
 * them, leave nothing in their temp folder.
 *
 * <p>ONNX Runtime 1.29.0 dies with SIGSEGV (exit 139, no Java exception) when a session is created in a JVM whose
 * command line passes about 4 KB: a long class path as IDEs pass it, a long {@code -D}, many arguments. This
 * test runs the CLI, as a user runs it, with a 100 KB argument and a 20 KB class path; it cannot pass on 1.29.0.
 */
class LongCommandLineTest {
  private static final List<String> TEXTS = List.of("a masterpiece , moving and beautifully acted",
      "dull , lifeless and a waste of time", "an honest , funny little film", "the plot is nothing but boilerplate");

  @TempDir Path work;

  /** The test class path, then about 20 KB of entries that do not exist (the JVM skips them). */
  private static String longClassPath() {
    StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
    Path padding = Path.of(System.getProperty("java.io.tmpdir"), "distill-no-such-class-path-entry");
    for (int i = 0; classPath.length() < 20_000 + System.getProperty("java.class.path").length(); i++) {
      classPath.append(File.pathSeparator).append(padding.resolve("entry-" + i));
    }
    return classPath.toString();
  }

  private Process predictFromStdin(Path tmp) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Djava.io.tmpdir=" + tmp,
        "-Ddistill.test.unused=" + "x".repeat(100_000), "-cp", longClassPath(), Main.class.getName(),
        "predict", "--model", ClassifierFixture.classifier().toString(), "--input", "-"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("OPT_OUT_TRACKING", "true");
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    return builder.start();
  }

  private static String readLine(Process process) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b; (b = process.getInputStream().read()) >= 0 && b != '\n'; ) {
      line.append((char) b);
    }
    return line.toString();
  }

  private static List<String> list(Path folder) throws IOException {
    try (Stream<Path> children = Files.list(folder)) {
      return children.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theCliPredictsWithAHundredKilobyteArgumentAndALongClassPath() throws Exception {
    Path tmp = Files.createDirectory(work.resolve("tmp"));
    Process process = predictFromStdin(tmp);
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(String.join("\n", TEXTS).concat("\n").getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the child did not finish");
    assertEquals(0, process.exitValue(), "exit " + process.exitValue() + " (139 = SIGSEGV); stdout:\n" + out);

    List<String> expected = new ArrayList<>();
    try (TextClassifier classifier = TextClassifier.load(ClassifierFixture.classifier())) {
      for (Prediction p : classifier.predictBatch(TEXTS)) {
        expected.add(p.label());
      }
    }
    List<String> labels = out.lines().map(line -> line.split("\t")[0]).toList();
    assertEquals(expected, labels, out);
    assertEquals(List.of(), list(tmp), "the child left files in java.io.tmpdir");
  }

  @Test
  void aKilledClassifierLeavesNothingInTheTempFolder() throws Exception {
    Path tmp = Files.createDirectory(work.resolve("tmp"));
    Process process = predictFromStdin(tmp);
    OutputStream stdin = process.getOutputStream();
    stdin.write((TEXTS.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    String answer = readLine(process); // the model is loaded and has answered: kill it mid-stream
    assertTrue(answer.endsWith("\t" + TEXTS.get(0)), answer);
    process.destroyForcibly();
    assertTrue(process.waitFor(1, TimeUnit.MINUTES));
    stdin.close();
    assertEquals(List.of(), list(tmp), "a killed classifier JVM left files in java.io.tmpdir");
  }
}
