package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.MixedRequests.Request;
import dev.distill.runtime.testing.StudentFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 32 threads &times; 5,000 mixed predictions on one shared classifier give exactly the answers
 * (label and every probability, bit for bit, or the same documented exception) of a serial run.
 *
 * <p>Each thread replays the same pool of calls, starting at its own offset, so calls of every
 * shape overlap in time. The serial reference makes the very same calls (same texts, same batch
 * companions): the classifier is an int8 student whose activations are quantized per tensor, so a
 * text's scores legitimately shift with the other texts padded into its batch. Comparing like with
 * like keeps the check exact.
 *
 * <p>The model is the cheap mean-of-embeddings student of {@link StudentFixture} so that 160,000
 * predictions take seconds; the tokenizer is MiniLM's, and the 100,000-character texts go through
 * it whole before truncation.
 */
class LoadTest {
  private static final int THREADS = 32;
  private static final int PREDICTIONS_PER_THREAD = 5_000;
  private static final ClassifierOptions OPTIONS =
      ClassifierOptions.builder().intraOpThreads(1).build();

  @Test
  void thirtyTwoThreadsGiveTheSerialAnswers() throws Exception {
    List<Request> requests = MixedRequests.pool(20261124L, 600);
    try (TextClassifier classifier = TextClassifier.load(StudentFixture.classifier(), OPTIONS)) {
      List<Object> serial = new ArrayList<>(requests.size());
      for (Request request : requests) {
        serial.add(MixedRequests.run(classifier, request));
      }
      Queue<String> mismatches = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int offset = t * requests.size() / THREADS;
          done.add(pool.submit(() -> {
            start.await();
            int predictions = 0;
            for (int i = offset; predictions < PREDICTIONS_PER_THREAD; i++) {
              int r = i % requests.size();
              Object got = MixedRequests.run(classifier, requests.get(r));
              if (!serial.get(r).equals(got)) {
                mismatches.add("request " + r + ": serial " + serial.get(r) + ", concurrent " + got);
              }
              predictions += Math.max(1, requests.get(r).size());
            }
            return predictions;
          }));
        }
        start.countDown();
        long total = 0;
        for (Future<Integer> future : done) {
          total += future.get(10, TimeUnit.MINUTES); // an undocumented exception fails here
        }
        assertTrue(total >= (long) THREADS * PREDICTIONS_PER_THREAD, "predictions made: " + total);
      } finally {
        pool.shutdownNow();
      }
      assertEquals(List.of(), mismatches.stream().limit(5).toList(),
          mismatches.size() + " concurrent answers differ from the serial ones");
      assertTrue(serial.stream().anyMatch(o -> o instanceof String s && s.contains("index 17")),
          "the pool's batch with a null at index 17 did not report it: " + serial);
    }
  }
}
