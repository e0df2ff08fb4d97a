package dev.distill.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.distill.runtime.Prediction;
import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.testing.ClassifierFixture;
import dev.distill.runtime.testing.StudentFixture;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint of a real server on an ephemeral loopback port, serving the MiniLM classifier. */
class ServeEndpointsTest {
  private static final String GOOD = "a masterpiece , moving and beautifully acted";
  private static final String BAD = "dull , lifeless and a waste of time";
  /** The int8 encoder's scores for a text move slightly with its batch companions. */
  private static final double INT8_TOLERANCE = 0.02;

  private static ClassifierServer server;
  private static ServeClient client;
  private static TextClassifier inProcess;

  @BeforeAll
  static void start() {
    server = ClassifierServer.builder().model("sentiment", ClassifierFixture.classifier()).port(0)
        .build().start();
    client = new ServeClient(server.port());
    inProcess = TextClassifier.load(ClassifierFixture.classifier());
  }

  @AfterAll
  static void stop() {
    server.close();
    inProcess.close();
  }

  @Test
  void aSingleTextGetsOneListWithTheBestLabel() {
    ServeClient.Answer answer = client.post("/predict", "{\"inputs\": " + ServeClient.quote(GOOD) + "}");
    assertEquals(200, answer.status(), answer.body());
    JsonArray scores = answer.json().getAsJsonArray();
    assertEquals(1, scores.size(), answer.body());
    JsonObject best = scores.get(0).getAsJsonObject();
    Prediction expected = inProcess.predict(GOOD);
    assertEquals(expected.label(), best.get("label").getAsString());
    assertEquals(expected.score(), best.get("score").getAsDouble(), 1e-5, answer.body());
  }

  @Test
  void aListGetsAListOfListsAndAllGivesEveryLabelByDescendingScore() {
    ServeClient.Answer answer = client.post("/models/sentiment/predict", "{\"inputs\": ["
        + ServeClient.quote(GOOD) + ", " + ServeClient.quote(BAD) + "], \"all\": true}");
    assertEquals(200, answer.status(), answer.body());
    JsonArray rows = answer.json().getAsJsonArray();
    assertEquals(2, rows.size());
    List<Prediction> expected = inProcess.predictBatch(List.of(GOOD, BAD));
    for (int i = 0; i < 2; i++) {
      JsonArray scores = rows.get(i).getAsJsonArray();
      assertEquals(2, scores.size(), answer.body());
      JsonObject first = scores.get(0).getAsJsonObject();
      JsonObject second = scores.get(1).getAsJsonObject();
      assertEquals(expected.get(i).label(), first.get("label").getAsString(), answer.body());
      assertTrue(first.get("score").getAsDouble() >= second.get("score").getAsDouble());
      assertEquals(1.0, first.get("score").getAsDouble() + second.get("score").getAsDouble(), 1e-5);
      assertEquals(expected.get(i).score(), first.get("score").getAsDouble(), INT8_TOLERANCE);
    }
    assertEquals("1", rows.get(0).getAsJsonArray().get(0).getAsJsonObject().get("label").getAsString());
    assertEquals("0", rows.get(1).getAsJsonArray().get(0).getAsJsonObject().get("label").getAsString());
  }

  @Test
  void modelsListsNamesLabelsMaxLengthAndTheDistillSection() {
    ServeClient.Answer answer = client.get("/models");
    assertEquals(200, answer.status(), answer.body());
    JsonArray models = answer.json().getAsJsonObject().getAsJsonArray("models");
    assertEquals(1, models.size());
    JsonObject model = models.get(0).getAsJsonObject();
    assertEquals("sentiment", model.get("name").getAsString());
    assertEquals("[\"0\",\"1\"]", model.get("labels").toString());
    assertEquals(ClassifierFixture.MAX_LENGTH, model.get("max_length").getAsInt());
    JsonObject distill = model.getAsJsonObject("distill");
    assertEquals(64, distill.get("model_sha256").getAsString().length(), answer.body());
    assertTrue(distill.getAsJsonObject("provenance").get("encoder").getAsString().contains("MiniLM"));
  }

  @Test
  void healthSaysLiveAndReady() {
    assertEquals(200, client.get("/health/live").status());
    ServeClient.Answer ready = client.get("/health/ready");
    assertEquals(200, ready.status(), ready.body());
    assertTrue(ready.body().contains("ready"), ready.body());
  }

  @Test
  void metricsCountRequestsByStatusAndShowHistogramsAndTheQueueDepth() {
    client.post("/predict", "{\"inputs\": \"fine\"}");
    client.get("/no-such-path");
    ServeClient.Answer answer = client.get("/metrics");
    assertEquals(200, answer.status());
    String metrics = answer.body();
    assertTrue(metrics.matches("(?s).*\ndistill_http_requests_total\\{code=\"200\"} [1-9].*"), metrics);
    assertTrue(metrics.matches("(?s).*\ndistill_http_requests_total\\{code=\"404\"} [1-9].*"), metrics);
    assertTrue(metrics.contains("# TYPE distill_http_request_duration_seconds histogram"), metrics);
    assertTrue(metrics.contains("distill_http_request_duration_seconds_bucket{le=\"+Inf\"}"), metrics);
    assertTrue(metrics.matches("(?s).*\ndistill_batch_size_count\\{model=\"sentiment\"} [1-9].*"), metrics);
    assertTrue(metrics.contains("# TYPE distill_queue_depth gauge\ndistill_queue_depth{model=\"sentiment\"} 0"),
        metrics);
  }

  @Test
  void severalModelsAreServedByNameAndPlainPredictSaysWhichToUse() {
    try (TextClassifier student = TextClassifier.load(StudentFixture.classifier());
        ClassifierServer two = ClassifierServer.builder().model("minilm", inProcess)
            .model("student", student).port(0).build().start()) {
      ServeClient twoClient = new ServeClient(two.port());
      ServeClient.Answer plain = twoClient.post("/predict", "{\"inputs\": \"fine\"}");
      assertEquals(400, plain.status(), plain.body());
      assertTrue(plain.error().contains("[minilm, student]") && plain.error().contains("/models/{name}/predict"),
          plain.body());
      ServeClient.Answer answer = twoClient.post("/models/student/predict", "{\"inputs\": [\"fine\"]}");
      assertEquals(200, answer.status(), answer.body());
      assertEquals(student.predict("fine").label(),
          answer.json().getAsJsonArray().get(0).getAsJsonArray().get(0).getAsJsonObject().get("label").getAsString());
      assertEquals(2, twoClient.get("/models").json().getAsJsonObject().getAsJsonArray("models").size());
    }
    // The server was given these classifiers: it left them open for their owner.
    assertEquals(inProcess.predict(GOOD), inProcess.predict(GOOD));
  }
}
