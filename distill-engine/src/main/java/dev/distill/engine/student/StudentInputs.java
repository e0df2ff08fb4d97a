package dev.distill.engine.student;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Turns unpadded token id rows into the two inputs every student takes: {@code tokenIds} (int64
 * {@code [B, L]}) and {@code mask} (float32 {@code [B, L]}, 1 for real tokens, 0 for padding), padded
 * at the end to the longest row of the batch (never to a fixed length: padding costs time).
 */
public final class StudentInputs {

    /** The token id written into padded positions; masked out, so any valid id would do. */
    public static final int PAD_ID = 0;

    private StudentInputs() {}

    /**
     * Pads {@code rows} to their longest row.
     *
     * @param manager where the arrays are created (and on which device)
     * @param rows token id rows, each non-empty
     * @return {@code [tokenIds, mask]}
     * @throws IllegalArgumentException if there are no rows or a row is empty
     */
    public static NDList of(NDManager manager, int[][] rows) {
        return of(manager, rows, longest(rows));
    }

    /**
     * Pads {@code rows} to exactly {@code length} positions (at least the longest row); tests use it
     * to show that padding never changes a student's answer.
     *
     * @param manager where the arrays are created
     * @param rows token id rows, each non-empty
     * @param length padded length
     * @return {@code [tokenIds, mask]}
     */
    public static NDList of(NDManager manager, int[][] rows, int length) {
        int longest = longest(rows);
        if (length < longest) {
            throw new IllegalArgumentException(
                    "padded length " + length + " is shorter than the longest row (" + longest + ")");
        }
        long[] ids = new long[rows.length * length];
        float[] mask = new float[rows.length * length];
        for (int b = 0; b < rows.length; b++) {
            int[] row = rows[b];
            for (int t = 0; t < length; t++) {
                boolean real = t < row.length;
                ids[b * length + t] = real ? row[t] : PAD_ID;
                mask[b * length + t] = real ? 1f : 0f;
            }
        }
        Shape shape = new Shape(rows.length, length);
        return new NDList(manager.create(ids, shape), manager.create(mask, shape));
    }

    private static int longest(int[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("a batch needs at least one row of token ids");
        }
        int longest = 0;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length == 0) {
                throw new IllegalArgumentException("row " + i + " of the batch has no tokens");
            }
            longest = Math.max(longest, rows[i].length);
        }
        return longest;
    }
}
