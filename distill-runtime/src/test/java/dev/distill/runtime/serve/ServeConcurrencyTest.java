package dev.distill.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.distill.runtime.Prediction;
import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import dev.distill.runtime.testing.ClassifierFixture;
import dev.distill.runtime.testing.TestPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Concurrent clients each get the answers to their own texts (no mix-ups), equal to in-process
 * answers within the int8 tolerance, while the batcher really puts their calls together.
 */
class ServeConcurrencyTest {
  private static final int CLIENTS = 16;
  private static final int REQUESTS = 12;
  /**
   * The MiniLM encoder is int8 with dynamically quantized activations: a text's probabilities move
   * with its batch companions (measured: at most 0.05, 0.008 on average, in batches of 16 sst2
   * texts). README "Serving over HTTP" states this tolerance.
   */
  private static final double INT8_TOLERANCE = 0.08;
  /**
   * The average difference allowed. Two different texts' probabilities differ by 0.12 on average,
   * so answers mixed up between clients would fail this even where each stays within the tolerance.
   */
  private static final double MEAN_TOLERANCE = 0.02;

  @Test
  void everyClientGetsItsOwnAnswersAndCallsAreBatched() throws Exception {
    List<String> texts = new TextFileReader(null, null)
        .read(TestPaths.testdata().resolve("sst2/dev.tsv")).stream().map(TextRow::text)
        .limit((long) CLIENTS * REQUESTS * 2).toList();
    try (TextClassifier classifier = TextClassifier.load(ClassifierFixture.classifier());
        ClassifierServer server = ClassifierServer.builder().model("sentiment", classifier)
            .port(0).maxBatch(16).maxDelayMs(5).threads(CLIENTS).build().start()) {
      ServeClient client = new ServeClient(server.port());
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<double[]>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int first = c;
        clients.add(pool.submit(() -> {
          double[] worstAndSum = new double[2];
          for (int r = 0; r < REQUESTS; r++) {
            // Client c sends its own texts: one alone, or two in a list, alternately.
            String a = texts.get((first * REQUESTS + r) * 2);
            String b = texts.get((first * REQUESTS + r) * 2 + 1);
            boolean pair = r % 2 == 1;
            ServeClient.Answer answer = client.post("/predict", pair
                ? "{\"inputs\": [" + ServeClient.quote(a) + ", " + ServeClient.quote(b) + "], \"all\": true}"
                : "{\"inputs\": " + ServeClient.quote(a) + ", \"all\": true}");
            assertEquals(200, answer.status(), answer.body());
            JsonArray rows = answer.json().getAsJsonArray();
            if (pair) {
              assertEquals(2, rows.size(), answer.body());
              compare(classifier.predict(a), rows.get(0).getAsJsonArray(), a, worstAndSum);
              compare(classifier.predict(b), rows.get(1).getAsJsonArray(), b, worstAndSum);
            } else {
              compare(classifier.predict(a), rows, a, worstAndSum);
            }
          }
          return worstAndSum;
        }));
      }
      double worst = 0;
      double sum = 0;
      for (Future<double[]> result : clients) {
        worst = Math.max(worst, result.get()[0]);
        sum += result.get()[1];
      }
      pool.shutdown();
      double mean = sum / (CLIENTS * REQUESTS * 3 / 2);
      System.out.printf("probability difference served vs alone: largest %.5f, mean %.5f%n", worst, mean);
      assertTrue(mean <= MEAN_TOLERANCE, "mean difference " + mean + ": answers mixed up?");

      String metrics = client.get("/metrics").body();
      long calls = sample(metrics, "distill_batch_size_count\\{model=\"sentiment\"}");
      long single = sample(metrics, "distill_batch_size_bucket\\{model=\"sentiment\",le=\"1\"}");
      long requests = CLIENTS * REQUESTS;
      assertTrue(calls < requests, "no batching: " + calls + " ONNX Runtime calls for " + requests
          + " requests\n" + metrics);
      assertTrue(single < calls, "every batch held one text\n" + metrics);
    }
  }

  /**
   * Checks a served answer against the text's answer alone, within the tolerance, and the best
   * label where it is not a near tie; adds the difference of label 1's probability to
   * {@code worstAndSum} = {largest, sum}.
   */
  private static void compare(Prediction alone, JsonArray served, String text, double[] worstAndSum) {
    String why = "text \"" + text + "\": served " + served + ", alone " + alone;
    assertEquals(alone.probabilities().length, served.size(), why);
    for (int i = 0; i < served.size(); i++) {
      JsonObject score = served.get(i).getAsJsonObject();
      int label = Integer.parseInt(score.get("label").getAsString());
      double diff = Math.abs(alone.probabilities()[label] - score.get("score").getAsDouble());
      assertTrue(diff <= INT8_TOLERANCE, why);
      if (label == 1) {
        worstAndSum[0] = Math.max(worstAndSum[0], diff);
        worstAndSum[1] += diff;
      }
    }
    if (alone.score() - 0.5 > INT8_TOLERANCE) {
      assertEquals(alone.label(), served.get(0).getAsJsonObject().get("label").getAsString(), why);
    }
  }

  private static long sample(String metrics, String series) {
    Matcher matcher = Pattern.compile("(?m)^" + series + " (\\d+)$").matcher(metrics);
    assertTrue(matcher.find(), series + " not in\n" + metrics);
    return Long.parseLong(matcher.group(1));
  }
}
