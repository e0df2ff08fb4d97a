package dev.distill.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.testing.ClassifierFixture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A full queue refuses calls at once with 503 and Retry-After; nothing else fails. */
class ServeOverloadTest {
  private static final int BURST = 32;

  @Test
  void aBurstOnAQueueOfOneGets503WithRetryAfterAndNoOtherError() throws Exception {
    StringBuilder body = new StringBuilder("{\"inputs\": [");
    for (int i = 0; i < 16; i++) {
      body.append(i > 0 ? ", " : "").append(ServeClient.quote("a long , slow and rather dull film number " + i
          + " that goes on and on without a point , a plot or a single joke that lands"));
    }
    String request = body.append("]}").toString();
    try (ClassifierServer server = ClassifierServer.builder()
        .model("sentiment", ClassifierFixture.classifier()).port(0)
        .maxBatch(1).queueCapacity(1).threads(BURST).build().start()) {
      ServeClient client = new ServeClient(server.port());
      ExecutorService pool = Executors.newFixedThreadPool(BURST);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ServeClient.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        answers.add(pool.submit(() -> {
          go.await();
          return client.post("/predict", request);
        }));
      }
      go.countDown();
      List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
      int refused = 0;
      for (Future<ServeClient.Answer> future : answers) {
        ServeClient.Answer answer = future.get();
        statuses.add(answer.status());
        if (answer.status() == 503) {
          refused++;
          assertEquals("1", answer.retryAfter(), answer.body());
          assertTrue(answer.error().contains("queue of model 'sentiment' is full"), answer.body());
        } else {
          assertEquals(200, answer.status(), answer.body());
        }
      }
      pool.shutdown();
      assertTrue(refused >= 1, "no 503 in " + statuses);
      assertTrue(refused < BURST, "every call was refused: " + statuses);
      assertTrue(client.get("/metrics").body().contains("distill_http_requests_total{code=\"503\"} " + refused));
      assertEquals(200, client.post("/predict", "{\"inputs\": \"after the burst\"}").status());
    }
  }
}
