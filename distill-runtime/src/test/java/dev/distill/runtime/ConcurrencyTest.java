package dev.distill.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import dev.distill.runtime.testing.ClassifierFixture;
import dev.distill.runtime.testing.TestPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One classifier shared by many threads gives exactly the single-threaded answers. */
class ConcurrencyTest {
  private static final int THREADS = 16;
  private static final int PREDICTIONS_PER_THREAD = 2000;
  // Short inputs keep 32k predictions quick on two cores; the sharing is what is under test.
  private static final ClassifierOptions OPTIONS =
      ClassifierOptions.builder().maxLength(4).batchSize(4).intraOpThreads(1).build();

  @Test
  void sixteenThreadsGiveTheSingleThreadedResultsBitForBit() throws Exception {
    List<List<String>> requests = requests();
    try (TextClassifier classifier = TextClassifier.load(ClassifierFixture.classifier(), OPTIONS)) {
      List<List<Prediction>> reference = new ArrayList<>();
      for (List<String> request : requests) {
        reference.add(run(classifier, request));
      }
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          done.add(pool.submit(() -> {
            int predictions = 0;
            for (int i = thread * 7; predictions < PREDICTIONS_PER_THREAD; i++) {
              int r = i % requests.size();
              List<Prediction> got = run(classifier, requests.get(r));
              assertEquals(reference.get(r), got, "request " + r + " on thread " + thread);
              predictions += got.size();
            }
            return predictions;
          }));
        }
        int total = 0;
        for (Future<Integer> future : done) {
          total += future.get(5, TimeUnit.MINUTES);
        }
        assertTrue(total >= THREADS * PREDICTIONS_PER_THREAD, "predictions made: " + total);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void closeWhilePredictingWaitsForRunningCallsAndFailsLaterOnes() throws Exception {
    TextClassifier classifier = TextClassifier.load(ClassifierFixture.classifier(), OPTIONS);
    List<String> texts = texts();
    int threads = 4;
    CountDownLatch warmedUp = new CountDownLatch(threads);
    AtomicInteger afterClose = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> outcomes = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        outcomes.add(pool.submit(() -> {
          for (int i = 0; ; i++) {
            if (i == 10) {
              warmedUp.countDown();
            }
            try {
              Prediction p = classifier.predict(texts.get(i % texts.size()));
              assertEquals(2, p.probabilities().length);
            } catch (IllegalStateException e) {
              afterClose.incrementAndGet();
              return e.getMessage();
            }
          }
        }));
      }
      assertTrue(warmedUp.await(2, TimeUnit.MINUTES), "threads did not start predicting");
      classifier.close();
      for (Future<String> outcome : outcomes) {
        String message = outcome.get(2, TimeUnit.MINUTES);
        assertTrue(message.contains("closed"), message);
      }
      assertEquals(threads, afterClose.get());
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Prediction> run(TextClassifier classifier, List<String> request) {
    return request.size() == 1 ? List.of(classifier.predict(request.get(0)))
        : classifier.predictBatch(request);
  }

  /** Singles and small batches over the dev texts: sizes 1, 2, 4, 4, 1, 2, 4, 4, ... */
  private static List<List<String>> requests() {
    List<String> texts = texts();
    List<List<String>> requests = new ArrayList<>();
    int[] sizes = {1, 2, 4, 4};
    int next = 0;
    for (int r = 0; r < 48; r++) {
      int size = sizes[r % sizes.length];
      requests.add(List.copyOf(texts.subList(next, next + size)));
      next += size;
    }
    return requests;
  }

  private static List<String> texts() {
    List<TextRow> dev = new TextFileReader("sentence", null)
        .read(TestPaths.testdata().resolve("sst2/dev.tsv"));
    return dev.subList(0, 200).stream().map(TextRow::text).toList();
  }
}
