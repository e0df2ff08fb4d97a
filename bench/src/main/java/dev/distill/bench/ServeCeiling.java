package dev.distill.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.EncodedBatch;
import dev.distill.runtime.TextClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * What dynamic batching can give at most, measured in process on the served model: texts/s of
 * calls of 1, 8 and 32 texts, each with 1 caller thread and 1 ONNX Runtime intra-op thread (the
 * server's batcher), 2 callers sharing one 1-thread session, and 1 caller on a 2-thread session.
 * A server that batches does the same inferences plus its HTTP work, so the best batch figure over
 * the best single-text figure bounds the gain of batching over not batching on these cores. The
 * model-only rows run the inference alone on texts tokenized beforehand ({@code logitsEncoded}),
 * as the server's batcher thread does while its HTTP handlers tokenize.
 */
final class ServeCeiling {
    private static final int[] BATCHES = {1, 8, 32};
    /** {callers, intra-op threads}: the server's batcher, both cores by callers, both by ONNX Runtime. */
    private static final int[][] SETTINGS = {{1, 1}, {2, 1}, {1, 2}};
    private static final double WARMUP_SECONDS = 0.5;

    private final List<String> texts;
    private final double seconds;

    /**
     * @param texts the texts, taken in order and in runs of the batch size, again from the start when used up
     * @param seconds how long each setting is measured
     */
    ServeCeiling(List<String> texts, double seconds) {
        this.texts = texts;
        this.seconds = seconds;
    }

    /**
     * @param served the served classifier, loaded with 1 intra-op thread
     * @param folder its folder, loaded again here with 2 intra-op threads
     * @return {"rows": [{batch, callers, intraOpThreads, modelOnly, textsPerSecond}], "bestSingle",
     *     "bestBatch8", "bestBatch32", "batchingCeiling" (the better batch over the single call)}
     */
    JsonObject measure(TextClassifier served, Path folder) throws Exception {
        JsonArray rows = new JsonArray();
        double[] best = new double[BATCHES.length];
        try (TextClassifier twoThreads = TextClassifier.load(folder, ClassifierOptions.builder()
                .intraOpThreads(2).batchSize(32).build())) {
            for (int b = 0; b < BATCHES.length; b++) {
                int batch = BATCHES[b];
                for (int[] setting : SETTINGS) {
                    TextClassifier classifier = setting[1] == 1 ? served : twoThreads;
                    double rate = rate(batch, setting[0], start -> predict(classifier, batch, start));
                    best[b] = Math.max(best[b], rate);
                    rows.add(row(batch, setting[0], setting[1], false, rate));
                }
                List<EncodedBatch> encoded = encodeAll(served, batch);
                if (encoded != null) {
                    rows.add(row(batch, 1, 1, true, rate(batch, 1, start -> {
                        served.logitsEncoded(List.of(encoded.get(start / batch % encoded.size())));
                        return batch;
                    })));
                }
            }
        }
        JsonObject ceiling = new JsonObject();
        ceiling.add("rows", rows);
        ceiling.addProperty("bestSingle", best[0]);
        ceiling.addProperty("bestBatch8", best[1]);
        ceiling.addProperty("bestBatch32", best[2]);
        ceiling.addProperty("batchingCeiling", Math.max(best[1], best[2]) / best[0]);
        return ceiling;
    }

    /** Prints the ceiling as a Markdown table and its ratio. */
    static void print(String model, JsonObject ceiling) {
        System.out.println("| model | texts per call | callers x ONNX Runtime threads | texts/s |");
        System.out.println("| --- | ---: | --- | ---: |");
        for (var element : ceiling.getAsJsonArray("rows")) {
            JsonObject row = element.getAsJsonObject();
            System.out.printf(Locale.ROOT, "| %s | %d | %d x %d%s | %.0f |%n", model, row.get("batch").getAsInt(),
                    row.get("callers").getAsInt(), row.get("intraOpThreads").getAsInt(),
                    row.get("modelOnly").getAsBoolean() ? ", model only" : "", row.get("textsPerSecond").getAsDouble());
        }
        System.out.printf(Locale.ROOT, "batching ceiling of %s in process: best batch %.0f texts/s over best single"
                + " text %.0f = %.2fx%n%n", model, Math.max(ceiling.get("bestBatch8").getAsDouble(),
                ceiling.get("bestBatch32").getAsDouble()), ceiling.get("bestSingle").getAsDouble(),
                ceiling.get("batchingCeiling").getAsDouble());
    }

    private int predict(TextClassifier classifier, int batch, int start) {
        if (batch == 1) {
            classifier.predict(texts.get(start % texts.size()));
        } else {
            classifier.predictBatch(slice(start, batch));
        }
        return batch;
    }

    /** @return every run of {@code batch} texts tokenized, or null for a classifier that does not tokenize */
    private List<EncodedBatch> encodeAll(TextClassifier classifier, int batch) {
        List<EncodedBatch> encoded = new ArrayList<>();
        for (int start = 0; start < texts.size(); start += batch) {
            var one = classifier.encode(slice(start, batch));
            if (one.isEmpty()) {
                return null;
            }
            encoded.add(one.get());
        }
        return encoded;
    }

    private List<String> slice(int start, int batch) {
        List<String> slice = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            slice.add(texts.get((start + i) % texts.size()));
        }
        return slice;
    }

    /**
     * Texts/s of {@code call} (given the index of its first text, it answers how many texts it did)
     * made back to back by {@code callers} threads, each from its own place in the texts.
     */
    private double rate(int batch, int callers, IntFunction<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            long warmEnd = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
            long end = warmEnd + (long) (seconds * 1e9);
            List<Future<Long>> counts = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int offset = c * (texts.size() / callers);
                counts.add(pool.submit(() -> {
                    long done = 0;
                    for (int at = offset; ; at += batch) {
                        long now = System.nanoTime();
                        if (now >= end) {
                            return done;
                        }
                        int n = call.apply(at);
                        if (now >= warmEnd) {
                            done += n;
                        }
                    }
                }));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            return total / seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonObject row(int batch, int callers, int intraOpThreads, boolean modelOnly, double rate) {
        JsonObject row = new JsonObject();
        row.addProperty("batch", batch);
        row.addProperty("callers", callers);
        row.addProperty("intraOpThreads", intraOpThreads);
        row.addProperty("modelOnly", modelOnly);
        row.addProperty("textsPerSecond", rate);
        return row;
    }
}
