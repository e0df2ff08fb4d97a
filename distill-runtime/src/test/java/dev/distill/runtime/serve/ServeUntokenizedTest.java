package dev.distill.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.testing.KeywordClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A classifier that does not tokenize (a user's fake, {@link TextClassifier#encode} empty) is
 * served too: the batcher joins its calls' texts into one {@code logits(texts)} call instead of
 * joining tokenized batches.
 */
class ServeUntokenizedTest {
  private static final int CLIENTS = 8;

  @Test
  void concurrentClientsGetTheirOwnAnswers() throws Exception {
    try (TextClassifier fake = new KeywordClassifier();
        ClassifierServer server = ClassifierServer.builder().model("fake", fake).port(0)
            .maxBatch(8).maxDelayMs(5).threads(CLIENTS).build().start()) {
      ServeClient client = new ServeClient(server.port());
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<List<String>>> answers = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          String text = c % 2 == 0 ? "a good film " + c : "a dull film " + c;
          answers.add(pool.submit(() -> {
            List<String> labels = new ArrayList<>();
            for (int r = 0; r < 5; r++) {
              ServeClient.Answer answer = client.post("/predict", "{\"inputs\": [\"" + text + "\", \"bad\"]}");
              assertEquals(200, answer.status(), answer.body());
              labels.add(answer.json().getAsJsonArray().get(0).getAsJsonArray().get(0)
                  .getAsJsonObject().get("label").getAsString());
              labels.add(answer.json().getAsJsonArray().get(1).getAsJsonArray().get(0)
                  .getAsJsonObject().get("label").getAsString());
            }
            return labels;
          }));
        }
        for (int c = 0; c < CLIENTS; c++) {
          String own = c % 2 == 0 ? "pos" : "neg";
          assertEquals(List.of(own, "neg", own, "neg", own, "neg", own, "neg", own, "neg"),
              answers.get(c).get(), "client " + c);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
