package dev.distill.engine.data;

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
