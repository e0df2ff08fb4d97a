package dev.distill.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.testing.StudentFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code serve} as a user runs it: a child JVM that answers, and exits 0 on SIGTERM. */
class ServeCommandTest {
  private static final Pattern SERVING = Pattern.compile("serving \\[(.+)] on http://127\\.0\\.0\\.1:(\\d+) .*");

  @Test
  void serveAnswersOverHttpAndExitsZeroOnSigterm() throws Exception {
    Path model = StudentFixture.classifier();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "serve", "--model",
        "student=" + model, "--port", "0", "--max-delay-ms", "1");
    builder.environment().put("OPT_OUT_TRACKING", "true");
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process = builder.start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      Matcher serving = SERVING.matcher(String.valueOf(line));
      assertTrue(serving.matches(), "first line: " + line);
      assertEquals("student", serving.group(1));

      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + serving.group(2) + "/predict"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": \"a gripping film\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      try (TextClassifier classifier = TextClassifier.load(model)) {
        assertTrue(response.body().startsWith("[{\"label\":\"" + classifier.predict("a gripping film").label()
            + "\",\"score\":"), response.body());
      }

      process.destroy(); // SIGTERM
      assertTrue(process.waitFor(1, TimeUnit.MINUTES), "serve did not stop on SIGTERM");
      // 0, not the JVM's 143 for a signal: the shutdown hook closed the server, then exited 0.
      assertEquals(0, process.exitValue(), "exit code after SIGTERM");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void usageErrorsNameTheOptionAndExitTwo() {
    String model = StudentFixture.classifier().toString();
    for (List<String> args : List.of(
        List.of("serve"),
        List.of("serve", "--model", model, "--max-batch", "0"),
        List.of("serve", "--model", model, "--port", "70000"),
        List.of("serve", "--model", "a=" + model, "--model", "a=" + model),
        List.of("serve", "--model", "x=/no/such/folder"))) {
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertEquals(Main.USAGE, run.exitCode(), run.toString());
      assertTrue(run.err().contains("--model") || run.err().contains("max batch")
          || run.err().contains("port 70000"), run.toString());
    }
    CliRun duplicate = CliRun.of("serve", "--model", "a=" + model, "--model", "a=" + model);
    assertTrue(duplicate.err().contains("two models are named 'a'"), duplicate.toString());
    CliRun missing = CliRun.of("serve", "--model", "x=/no/such/folder");
    assertTrue(missing.err().contains("no such folder or jar /no/such/folder"), missing.toString());
  }
}
