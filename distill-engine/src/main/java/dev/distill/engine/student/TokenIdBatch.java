package dev.distill.engine.student;

import static dev.distill.contract.ClassifierGraph.ATTENTION_MASK;
import static dev.distill.contract.ClassifierGraph.INPUT_IDS;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.distill.contract.InputKind;
import dev.distill.runtime.TensorBuffers;
import java.nio.LongBuffer;
import java.util.Map;
import java.util.Set;

/**
 * The student inputs of texts: unpadded token id rows, padded at the end to a common length (the
 * longest row of the batch unless told otherwise: padding costs time). The DJL network takes
 * {@code [tokenIds (int64 [B, L]), mask (float32 [B, L], 1 for real tokens, 0 for padding)]}; the ONNX
 * graph takes {@code input_ids} and {@code attention_mask}, both int64 {@code [B, L]}.
 *
 * <p>The rows are not copied; treat them as read-only.
 */
public final class TokenIdBatch implements StudentInputs {

    /** The token id written into padded positions; masked out, so any valid id would do. */
    public static final int PAD_ID = 0;

    private final int[][] rows;
    private final int length;

    private TokenIdBatch(int[][] rows, int length) {
        this.rows = rows;
        this.length = length;
    }

    /**
     * Rows padded to their longest row.
     *
     * @param rows token id rows, each non-empty
     * @throws IllegalArgumentException if there are no rows or a row is empty
     */
    public static TokenIdBatch of(int[][] rows) {
        return new TokenIdBatch(rows, longest(rows));
    }

    /**
     * Rows padded to exactly {@code length} positions (at least the longest row); tests use it to show that
     * padding never changes a student's answer.
     *
     * @param rows token id rows, each non-empty
     * @param length padded length
     * @throws IllegalArgumentException if there are no rows, a row is empty or longer than {@code length}
     */
    public static TokenIdBatch padded(int[][] rows, int length) {
        int longest = longest(rows);
        if (length < longest) {
            throw new IllegalArgumentException(
                    "padded length " + length + " is shorter than the longest row (" + longest + ")");
        }
        return new TokenIdBatch(rows, length);
    }

    @Override
    public int size() {
        return rows.length;
    }

    /** The padded length of every row. */
    public int length() {
        return length;
    }

    /** {@code [tokenIds, mask]}: int64 ids padded with {@link #PAD_ID}, a float32 mask. */
    @Override
    public NDList toNDList(NDManager manager) {
        long[] ids = new long[rows.length * length];
        float[] mask = new float[rows.length * length];
        for (int b = 0; b < rows.length; b++) {
            for (int t = 0; t < length; t++) {
                ids[b * length + t] = value(INPUT_IDS, b, t);
                mask[b * length + t] = value(ATTENTION_MASK, b, t);
            }
        }
        Shape shape = new Shape(rows.length, length);
        return new NDList(manager.create(ids, shape), manager.create(mask, shape));
    }

    /**
     * {@code input_ids} and {@code attention_mask} (int64, the mask 1 or 0), those of them the graph declares.
     *
     * @throws IllegalArgumentException if the graph declares another input (a student graph never does)
     */
    @Override
    public void addTensors(OrtEnvironment environment, Set<String> declared, TensorBuffers buffers,
            Map<String, OnnxTensor> into) throws OrtException {
        long[] shape = {rows.length, length};
        for (String input : declared) {
            LongBuffer buffer = buffers.longs(input, rows.length * length);
            for (int b = 0; b < rows.length; b++) {
                for (int t = 0; t < length; t++) {
                    buffer.put(b * length + t, value(input, b, t));
                }
            }
            into.put(input, OnnxTensor.createTensor(environment, buffer, shape));
        }
    }

    /** The value of the input {@code input} at row {@code b}, position {@code t}: one definition of the padding. */
    private long value(String input, int b, int t) {
        boolean real = t < rows[b].length;
        return switch (input) {
            case INPUT_IDS -> real ? rows[b][t] : PAD_ID;
            case ATTENTION_MASK -> real ? 1 : 0;
            default -> throw new IllegalArgumentException("a student's token batch gives only "
                    + kind().studentTensors() + ", but the graph declares '" + input + "'");
        };
    }

    /** {@link InputKind#TEXT}. */
    @Override
    public InputKind kind() {
        return InputKind.TEXT;
    }

    @Override
    public String describe() {
        return rows.length + " rows of " + length + " tokens";
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
