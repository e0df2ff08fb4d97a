package dev.distill.engine.teacher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a model over many texts in batches of texts of similar length: batches are padded to their
 * longest text, so sorting by length first saves most of the padding. Rows come back in the
 * original order.
 */
public final class LengthSortedBatches {

    private LengthSortedBatches() {
    }

    /**
     * @param model maps a batch of texts to one row per text
     * @param batchSize texts per call, at least 1
     * @param progress told after each batch
     * @return one row per text, in the order given
     */
    public static float[][] run(List<String> texts, int batchSize, Function<List<String>, float[][]> model,
            ProgressListener progress) {
        return runRows(texts, batchSize, batch -> Arrays.asList(model.apply(batch)), progress)
                .toArray(new float[0][]);
    }

    /**
     * Like {@link #run}, for rows of any type (e.g. a teacher's {@link TeacherOutput}s).
     *
     * @param model maps a batch of texts to one row per text
     * @param batchSize texts per call, at least 1
     * @param progress told after each batch
     * @return one row per text, in the order given
     */
    public static <R> List<R> runRows(List<String> texts, int batchSize, Function<List<String>, List<R>> model,
            ProgressListener progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        Integer[] order = new Integer[texts.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
        List<R> rows = new ArrayList<>(Collections.nCopies(texts.size(), null));
        long totalCost = 0;
        for (String text : texts) {
            totalCost += cost(text);
        }
        long doneCost = 0;
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            List<String> batch = new ArrayList<>(end - start);
            for (int k = start; k < end; k++) {
                batch.add(texts.get(order[k]));
                doneCost += cost(texts.get(order[k]));
            }
            List<R> batchRows = model.apply(batch);
            if (batchRows.size() != batch.size()) {
                throw new IllegalStateException("the model gave " + batchRows.size() + " rows for "
                        + batch.size() + " texts");
            }
            for (int k = start; k < end; k++) {
                rows.set(order[k], batchRows.get(k - start));
            }
            progress.progress(end, order.length, doneCost, totalCost);
        }
        return rows;
    }

    /**
     * What a text costs the model, for the time left: its characters (about four per token) plus a few for what every
     * text costs whatever its length (the special tokens, the pooling).
     */
    private static long cost(String text) {
        return text.length() + 8L;
    }
}
