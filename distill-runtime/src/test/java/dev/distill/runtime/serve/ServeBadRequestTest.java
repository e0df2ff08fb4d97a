package dev.distill.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.testing.StudentFixture;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests get their status and a JSON error naming the problem; the server keeps serving. */
class ServeBadRequestTest {
  private static final int MAX_BODY = 4096;
  private static final int MAX_TEXTS = 4;
  private static final int MAX_CHARS = 200;

  private static ClassifierServer server;
  private static ServeClient client;

  @BeforeAll
  static void start() {
    server = ClassifierServer.builder().model("student", StudentFixture.classifier()).port(0)
        .maxBodyBytes(MAX_BODY).maxTexts(MAX_TEXTS).maxTextChars(MAX_CHARS).build().start();
    client = new ServeClient(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Arguments post(String path, String body, int status, String fragment) {
    return Arguments.of("POST", path, body.getBytes(StandardCharsets.UTF_8), status, fragment);
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        post("/predict", "{\"inputs\": \"" + "x".repeat(MAX_BODY) + "\"}", 413, "more than the limit of 4096 bytes"),
        post("/predict", "{\"inputs\": [\"a\",\"b\",\"c\",\"d\",\"e\"]}", 413, "holds 5 texts, more than the limit of 4"),
        post("/predict", "{\"inputs\": \"" + "y".repeat(MAX_CHARS + 1) + "\"}", 413, "has 201 characters, more than the limit of 200"),
        post("/predict", "{\"inputs\": [\"ok\", \"" + "z".repeat(MAX_CHARS + 1) + "\"]}", 413, "text 1 of \"inputs\""),
        post("/predict", "{\"inputs\": \"unterminated}", 400, "not valid JSON"),
        post("/predict", "{'inputs': 'single quotes'}", 400, "not valid JSON"),
        post("/predict", "{\"inputs\": \"a\"} trailing", 400, "more than one JSON value"),
        post("/predict", "", 400, "the request body is empty"),
        post("/predict", "[\"a\"]", 400, "must be a JSON object, found a list"),
        post("/predict", "{\"text\": \"a\"}", 400, "unknown key \"text\""),
        post("/predict", "{\"all\": true}", 400, "has no \"inputs\""),
        post("/predict", "{\"inputs\": 5}", 400, "must be a string or a list of strings, found a number (5)"),
        post("/predict", "{\"inputs\": []}", 400, "is an empty list"),
        post("/predict", "{\"inputs\": [\"a\", null]}", 400, "\"inputs\"[1] must be a string, found null"),
        post("/predict", "{\"inputs\": [[\"nested\"]]}", 400, "\"inputs\"[0] must be a string, found a list"),
        post("/predict", "{\"inputs\": \"a\", \"all\": \"yes\"}", 400, "\"all\" must be true or false"),
        Arguments.of("POST", "/predict", new byte[] {'{', '"', 'i', 'n', 'p', 'u', 't', 's', '"', ':', '"',
            (byte) 0xC3, (byte) 0x28, '"', '}'}, 400, "not valid UTF-8"),
        post("/models/nope/predict", "{\"inputs\": \"a\"}", 404, "no model named 'nope'; this server serves [student]"),
        post("/nowhere", "{\"inputs\": \"a\"}", 404, "no such path: /nowhere"),
        post("/models", "{}", 405, "POST is not allowed on /models; use GET"),
        Arguments.of("GET", "/predict", null, 405, "GET is not allowed on /predict; use POST"),
        Arguments.of("DELETE", "/models/student/predict", null, 405, "use POST"),
        Arguments.of("PUT", "/metrics", new byte[0], 405, "use GET"));
  }

  @ParameterizedTest(name = "{0} {1} -> {3}: {4}")
  @MethodSource("badRequests")
  void aBadRequestGetsItsStatusAndAMessageNamingTheProblem(String method, String path, byte[] body,
      int status, String fragment) {
    ServeClient.Answer answer = client.send(method, path, body);
    assertEquals(status, answer.status(), answer.body());
    assertTrue(answer.error().contains(fragment), "expected \"" + fragment + "\" in " + answer.body());
    if (status == 405) {
      assertTrue(answer.allow() != null, "405 without an Allow header");
    }
    // The server is unharmed: a good request right after is answered.
    assertEquals(200, client.post("/predict", "{\"inputs\": \"still here\"}").status());
  }
}
