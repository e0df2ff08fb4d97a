package dev.distill.engine.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Rows of tabular examples ready for a teacher and a student: raw feature values (missing ones filled), the gold
 * class of each row (an index into the label set) and where each row came from.
 *
 * @param features {@code [rows][features]}, raw values in the order of the data's feature columns
 * @param labels each row's class index
 * @param locations each row's {@code file:line}, for messages
 */
public record TabularRows(float[][] features, int[] labels, String[] locations) {

    /** Checks that the three parts have a row each. */
    public TabularRows {
        Objects.requireNonNull(features, "features");
        if (labels.length != features.length || locations.length != features.length) {
            throw new IllegalArgumentException(features.length + " rows but " + labels.length + " labels and "
                    + locations.length + " locations");
        }
    }

    /** @return the number of rows */
    public int size() {
        return features.length;
    }

    /**
     * These rows followed by {@code copies} without a gold label ({@code UNLABELED}), copy {@code k} of row {@code i}
     * at {@code (k + 1) * size() + i}, as {@code MungeAugmenter} makes them.
     *
     * @param describe the start of a copy's location, e.g. {@code "a MUNGE copy of "}
     */
    public TabularRows withCopies(float[][] copies, String describe) {
        int n = size();
        float[][] f = Arrays.copyOf(features, n + copies.length);
        System.arraycopy(copies, 0, f, n, copies.length);
        int[] l = Arrays.copyOf(labels, n + copies.length);
        Arrays.fill(l, n, l.length, TokenizedExamples.UNLABELED);
        String[] at = Arrays.copyOf(locations, n + copies.length);
        for (int i = 0; i < copies.length; i++) {
            at[n + i] = describe + locations[i % n];
        }
        return new TabularRows(f, l, at);
    }

    /** The rows at {@code indexes}, in that order. */
    TabularRows select(int[] indexes) {
        float[][] f = new float[indexes.length][];
        int[] l = new int[indexes.length];
        String[] at = new String[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            f[i] = features[indexes[i]];
            l[i] = labels[indexes[i]];
            at[i] = locations[indexes[i]];
        }
        return new TabularRows(f, l, at);
    }
}
