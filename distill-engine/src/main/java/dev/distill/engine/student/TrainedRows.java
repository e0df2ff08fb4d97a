package dev.distill.engine.student;

import java.util.Arrays;
import java.util.Locale;

/**
 * The rows of a student's embedding table that it trains: the tokens of its data (and the tokenizer's special
 * tokens), when vocabulary pruning will drop every other row from the shipped model anyway. The network then holds
 * only these rows and looks up any other id as the fallback token's row, which is what the pruned model does; its
 * exported table has every row again, the others copies of the fallback's, so export and pruning see the layout they
 * always did.
 *
 * <p>Why: AdamW steps every row of the table on every batch, including the ~60% that no text ever reaches (their
 * gradient is zero, so only the weight decay moves them). For the BiLSTM of the example the dense table update was
 * half of the training step (issue #15, {@code StudentStepBenchmark}). Leaving those rows out changes no kept row's
 * value, unlike a lazy update: the kept rows get AdamW's exact step.
 */
public final class TrainedRows {

    private final int vocabulary;
    private final int[] ids;
    private final long[] rowOfId;

    private TrainedRows(int vocabulary, int[] ids, long[] rowOfId) {
        this.vocabulary = vocabulary;
        this.ids = ids;
        this.rowOfId = rowOfId;
    }

    /**
     * @param vocabulary the tokenizer's vocabulary size: the rows of the exported table
     * @param ids the ids whose rows are trained, ascending, without repeats, the fallback among them
     * @param fallbackId the id whose row every other id is looked up as ([UNK])
     * @throws IllegalArgumentException if an id is outside [0, vocabulary), the ids are not ascending, or the
     *                                  fallback id is not among them
     */
    public static TrainedRows of(int vocabulary, int[] ids, long fallbackId) {
        long[] rowOfId = new long[vocabulary];
        Arrays.fill(rowOfId, -1);
        for (int row = 0; row < ids.length; row++) {
            int id = ids[row];
            if (id < 0 || id >= vocabulary) {
                throw new IllegalArgumentException("trained row id " + id + " is outside the vocabulary [0, "
                        + vocabulary + ")");
            }
            if (row > 0 && id <= ids[row - 1]) {
                throw new IllegalArgumentException("trained row ids must be ascending without repeats; " + id
                        + " follows " + ids[row - 1]);
            }
            rowOfId[id] = row;
        }
        if (fallbackId < 0 || fallbackId >= vocabulary || rowOfId[(int) fallbackId] < 0) {
            throw new IllegalArgumentException("the fallback id " + fallbackId + " is not among the trained rows");
        }
        int fallbackRow = (int) rowOfId[(int) fallbackId];
        for (int id = 0; id < vocabulary; id++) {
            if (rowOfId[id] < 0) {
                rowOfId[id] = fallbackRow;
            }
        }
        return new TrainedRows(vocabulary, ids.clone(), rowOfId);
    }

    /** The number of rows trained. */
    public int count() {
        return ids.length;
    }

    /** The ids whose rows are trained, ascending (row {@code r} is id {@code ids()[r]}). */
    public int[] ids() {
        return ids.clone();
    }

    /** The rows of the exported table: the tokenizer's vocabulary size. */
    public int vocabulary() {
        return vocabulary;
    }

    /** For each id of the vocabulary, its row among the trained ones (the fallback's row for an id not trained). */
    long[] rowOfId() {
        return rowOfId.clone();
    }

    /** For each id of the vocabulary, the id it is looked up as: itself when trained, the fallback id otherwise. */
    long[] lookedUpIds() {
        long[] lookedUp = new long[vocabulary];
        for (int id = 0; id < vocabulary; id++) {
            lookedUp[id] = ids[(int) rowOfId[id]];
        }
        return lookedUp;
    }

    /**
     * The trained rows of a whole table.
     *
     * @param table row-major {@code [vocabulary, width]}
     * @return row-major {@code [count, width]}
     */
    float[] select(float[] table, int width) {
        checkLength("table", table.length, vocabulary, width);
        float[] rows = new float[ids.length * width];
        for (int row = 0; row < ids.length; row++) {
            System.arraycopy(table, ids[row] * width, rows, row * width, width);
        }
        return rows;
    }

    /**
     * A whole table from the trained rows: each id gets its row, an id not trained the fallback's.
     *
     * @param rows row-major {@code [count, width]}
     * @return row-major {@code [vocabulary, width]}
     */
    float[] expand(float[] rows, int width) {
        checkLength("trained rows", rows.length, ids.length, width);
        float[] table = new float[vocabulary * width];
        for (int id = 0; id < vocabulary; id++) {
            System.arraycopy(rows, (int) rowOfId[id] * width, table, id * width, width);
        }
        return table;
    }

    private static void checkLength(String what, int length, int rows, int width) {
        if (length != (long) rows * width) {
            throw new IllegalArgumentException("the " + what + " has " + length + " values, not " + rows + " x "
                    + width);
        }
    }

    /** For the log: "12,008 of 30,522 rows". */
    public String describe() {
        return String.format(Locale.ROOT, "%,d of %,d rows", ids.length, vocabulary);
    }
}
