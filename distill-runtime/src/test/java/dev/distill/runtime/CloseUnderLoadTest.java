package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.MixedRequests.Request;
import dev.distill.runtime.testing.StudentFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * close() while many threads predict: every call either returns the right answer or throws the
 * documented {@link IllegalStateException} naming the model; the JVM never crashes (a
 * use-after-free of the native session or tokenizer would take it down with this test); close is
 * idempotent, also when two threads race to close.
 */
class CloseUnderLoadTest {
  private static final int ROUNDS = 6;
  private static final int THREADS = 12;
  private static final ClassifierOptions OPTIONS =
      ClassifierOptions.builder().intraOpThreads(1).batchSize(8).build();

  @Test
  void closingWhilePredictingOnlyEverGivesRightAnswersOrTheDocumentedException() throws Exception {
    Path folder = StudentFixture.classifier();
    List<Request> requests = MixedRequests.pool(7L, 200);
    List<Object> expected = new ArrayList<>();
    try (TextClassifier reference = TextClassifier.load(folder, OPTIONS)) {
      requests.forEach(request -> expected.add(MixedRequests.run(reference, request)));
    }
    for (int round = 0; round < ROUNDS; round++) {
      TextClassifier classifier = TextClassifier.load(folder, OPTIONS);
      CountDownLatch predicting = new CountDownLatch(THREADS);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
      try {
        List<Future<String>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int offset = t * 17 + round;
          workers.add(pool.submit(() -> {
            for (int i = offset; ; i++) {
              int r = i % requests.size();
              Object got;
              try {
                got = MixedRequests.run(classifier, requests.get(r));
              } catch (IllegalStateException closed) {
                return closed.getMessage();
              }
              assertEquals(expected.get(r), got, "request " + r + " while closing");
              if (i == offset + 3) {
                predicting.countDown();
              }
            }
          }));
        }
        assertTrue(predicting.await(2, TimeUnit.MINUTES), "the threads did not start predicting");
        // Two closers race: close must free the native resources exactly once.
        Future<?> first = pool.submit(classifier::close);
        Future<?> second = pool.submit(classifier::close);
        first.get(2, TimeUnit.MINUTES);
        second.get(2, TimeUnit.MINUTES);
        for (Future<String> worker : workers) {
          String message = worker.get(2, TimeUnit.MINUTES);
          assertClosedMessage(message, folder);
        }
      } finally {
        pool.shutdownNow();
      }
      assertEveryCallFailsCleanly(classifier, folder);
    }
  }

  @Test
  void closeIsIdempotentAndEveryCallAfterItThrowsNamingTheModel() {
    Path folder = StudentFixture.classifier();
    TextClassifier classifier = TextClassifier.load(folder, OPTIONS);
    assertEquals(2, classifier.predict("fine").probabilities().length);
    classifier.close();
    classifier.close();
    assertEveryCallFailsCleanly(classifier, folder);
    classifier.close();
    // What needs no native resource still answers.
    assertEquals(List.of("0", "1"), classifier.labels());
  }

  private static void assertEveryCallFailsCleanly(TextClassifier classifier, Path folder) {
    List<Consumer<TextClassifier>> calls = List.of(
        c -> c.predict("after close"),
        c -> c.predict(""),
        c -> c.predictBatch(List.of("a", "b")),
        c -> c.predictBatch(List.of()),
        c -> c.predictBatch(java.util.Collections.nCopies(50, "more than a batch")),
        c -> c.logits(List.of("x")));
    for (Consumer<TextClassifier> call : calls) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> call.accept(classifier));
      assertClosedMessage(e.getMessage(), folder);
    }
  }

  private static void assertClosedMessage(String message, Path folder) {
    assertTrue(message.contains("is closed") && message.contains(folder.resolve("model.onnx").toString()),
        "not the documented message naming the model: " + message);
  }
}
