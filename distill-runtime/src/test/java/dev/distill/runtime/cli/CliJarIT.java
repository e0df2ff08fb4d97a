package dev.distill.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.distill.runtime.testing.ClassifierFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded {@code -cli} jar runs on its own ({@code java -jar}); the main jar stays thin. Runs
 * after {@code package} (surefire execution {@code cli-jar-test}).
 */
class CliJarIT {
  private static Path cliJar() {
    String property = System.getProperty("distill.cli.jar");
    assumeTrue(property != null, "skipped: distill.cli.jar is not set (run `mvn verify`)");
    Path jar = Path.of(property);
    assertTrue(Files.isRegularFile(jar), "the -cli jar was not built: " + jar);
    return jar;
  }

  @Test
  void predictRunsFromTheShadedJarInASubprocess() throws IOException, InterruptedException {
    Path jar = cliJar();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Dai.djl.offline=true",
        "-jar", jar.toString(), "predict", "--model", ClassifierFixture.classifier().toString(),
        "--json", "a masterpiece , moving and beautifully acted"));
    builder.environment().put("OPT_OUT_TRACKING", "true");
    builder.redirectErrorStream(false);
    Path err = Files.createTempFile("cli-jar", ".err");
    builder.redirectError(err.toFile());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "java -jar did not finish");
    String stderr = Files.readString(err);
    Files.delete(err);
    assertEquals(0, process.exitValue(), "stdout:\n" + out + "\nstderr:\n" + stderr);
    String[] lines = out.strip().split("\\R");
    JsonArray predictions = JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject()
        .getAsJsonArray("predictions");
    assertEquals("1", predictions.get(0).getAsJsonObject().get("label").getAsString());
  }

  @Test
  void theMainJarIsThinAndTheCliJarHasAMainClass() throws IOException {
    Path cli = cliJar();
    Path thin = cli.resolveSibling(cli.getFileName().toString().replace("-cli.jar", ".jar"));
    try (JarFile jar = new JarFile(thin.toFile())) {
      assertTrue(jar.getEntry("dev/distill/runtime/TextClassifier.class") != null);
      assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("picocli/")
          || e.getName().startsWith("ai/onnxruntime/")), thin + " bundles dependencies");
    }
    try (JarFile jar = new JarFile(cli.toFile())) {
      assertEquals(Main.class.getName(),
          jar.getManifest().getMainAttributes().getValue("Main-Class"));
      assertTrue(jar.getEntry("picocli/CommandLine.class") != null);
    }
  }
}
