package dev.distill.bench;

import dev.distill.runtime.TextClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs predictions on one shared classifier from the same threads throughout, as a server would:
 * single {@code predict} calls and {@code predictBatch} calls of several sizes, cycling over the
 * texts. The threads live as long as this object, so their per-thread state is made once, in the
 * warm-up, and does not pass for a leak.
 */
final class SoakLoad implements AutoCloseable {
    /** Texts per call, in turn; 1 is a {@code predict} call, the others {@code predictBatch}. */
    private static final int[] CALL_SIZES = {1, 8, 1, 32, 1, 4, 64, 1, 16, 48};

    private final TextClassifier classifier;
    private final List<String> texts;
    private final int threads;
    private final ExecutorService pool;

    SoakLoad(TextClassifier classifier, List<String> texts, int threads) {
        this.classifier = classifier;
        this.texts = List.copyOf(texts);
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads);
    }

    /**
     * Makes at least {@code predictions} predictions, split evenly over the threads.
     *
     * @return the predictions made
     */
    long run(long predictions) throws Exception {
        long perThread = (predictions + threads - 1) / threads;
        List<Future<Long>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> predict(thread, perThread)));
        }
        long total = 0;
        for (Future<Long> future : done) {
            total += future.get();
        }
        return total;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private long predict(int thread, long quota) {
        long made = 0;
        int next = thread * 97 % texts.size();
        for (int call = thread; made < quota; call++) {
            int size = CALL_SIZES[call % CALL_SIZES.length];
            if (size == 1) {
                classifier.predict(texts.get(next));
            } else {
                List<String> batch = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    batch.add(texts.get((next + i) % texts.size()));
                }
                if (classifier.predictBatch(batch).size() != size) {
                    throw new IllegalStateException("predictBatch returned the wrong number of predictions");
                }
            }
            next = (next + size) % texts.size();
            made += size;
        }
        return made;
    }
}
