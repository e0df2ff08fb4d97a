package dev.distill.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.EncodedBatch;
import dev.distill.runtime.ModelConfig;
import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.testing.ClassifierFixture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A lone call with the model idle runs on the handler's thread, as without batching (two thread hand-offs
 * saved); a call that arrives while the model is busy queues for the batcher's thread. The real int8 student
 * answers; each inference is recorded with the thread that ran it.
 */
class ServeLoneCallTest {

  @Test
  void aLoneCallRunsOnItsOwnThreadAndACallBehindABusyModelOnTheBatchers() throws Exception {
    try (TextClassifier student = TextClassifier.load(ClassifierFixture.classifier(),
            ClassifierOptions.builder().intraOpThreads(1).build());
        ThreadRecording recording = new ThreadRecording(student);
        ClassifierServer server = ClassifierServer.builder().model("sentiment", recording).port(0)
            .build().start()) {
      ServeClient client = new ServeClient(server.port());
      recording.threads.clear(); // the warm-up call
      ServeClient.Answer lone = client.post("/predict", "{\"inputs\": \"a lone review\"}");
      assertEquals(200, lone.status(), lone.body());
      assertEquals(1, recording.threads.size(), recording.threads.toString());
      assertFalse(recording.threads.get("a lone review").startsWith("distill-batcher-"),
          "the lone call ran on " + recording.threads);

      // A call that holds the model until the test lets it go; a short one sent meanwhile queues behind it, and once
      // the metrics show it queued the first is let go: the short one then runs on the batcher's thread.
      recording.hold = new CountDownLatch(1);
      CompletableFuture<ServeClient.Answer> holding =
          CompletableFuture.supplyAsync(() -> client.post("/predict", "{\"inputs\": \"holds the model\"}"));
      while (!recording.threads.containsKey("holds the model")) {
        Thread.onSpinWait();
      }
      CompletableFuture<ServeClient.Answer> behind =
          CompletableFuture.supplyAsync(() -> client.post("/predict", "{\"inputs\": \"behind it\"}"));
      while (!client.get("/metrics").body().contains("distill_queue_depth{model=\"sentiment\"} 1")) {
        Thread.sleep(1);
      }
      recording.hold.countDown();
      assertEquals(200, holding.get().status(), holding.get().body());
      assertEquals(200, behind.get().status(), behind.get().body());
      assertFalse(recording.threads.get("holds the model").startsWith("distill-batcher-"));
      assertTrue(recording.threads.get("behind it").startsWith("distill-batcher-"),
          "the call behind a busy model ran on " + recording.threads.get("behind it"));
    }
  }

  /** The real classifier, each call's first text recorded with the thread that ran its inference. */
  private static final class ThreadRecording implements TextClassifier {
    private final TextClassifier inner;
    final Map<String, String> threads = new ConcurrentHashMap<>();
    volatile CountDownLatch hold;

    ThreadRecording(TextClassifier inner) {
      this.inner = inner;
    }

    @Override
    public Optional<EncodedBatch> encode(List<String> texts) {
      return Optional.empty(); // the texts reach logits(), where their first one names the call
    }

    @Override
    public float[][] logits(List<String> texts) {
      threads.put(texts.get(0), Thread.currentThread().getName());
      CountDownLatch latch = hold;
      if (latch != null && texts.get(0).equals("holds the model")) {
        try {
          latch.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return inner.logits(texts);
    }

    @Override
    public List<String> labels() {
      return inner.labels();
    }

    @Override
    public ModelConfig config() {
      return inner.config();
    }

    @Override
    public ClassifierOptions options() {
      return inner.options();
    }

    @Override
    public int maxLength() {
      return inner.maxLength();
    }

    @Override
    public void close() {}
  }
}
