package dev.distill.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.distill.contract.ClassifierGraph;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.nativelib.OnnxRuntimeNatives;
import dev.distill.engine.student.StudentInputs;
import dev.distill.onnx.OnnxModels;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/**
 * Runs a student ONNX model (inputs {@code input_ids}, {@code attention_mask}; output {@code logits}) in ONNX
 * Runtime on unpadded token id rows, in batches, each padded at the end to its own longest row. Rows are
 * batched in order of length (less padding) and come back in the order given.
 *
 * <p>Holds one ONNX Runtime session; close it when done. Not thread-safe.
 */
public final class OrtLogits implements AutoCloseable {

    /** Texts per ONNX Runtime call unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;

    private OrtLogits(OrtEnvironment environment, OrtSession.SessionOptions options, OrtSession session) {
        this.environment = environment;
        this.options = options;
        this.session = session;
    }

    /**
     * Opens a session on a model.
     *
     * @param model the student model
     * @param threads ONNX Runtime intra-op threads (at least 1)
     */
    public static OrtLogits open(ModelProto model, int threads) {
        return open(OnnxModels.toBytes(model), threads);
    }

    /**
     * Opens a session on a serialized model.
     *
     * @param model the student model's bytes
     * @param threads ONNX Runtime intra-op threads (at least 1)
     * @throws IllegalArgumentException if threads is below 1
     * @throws IllegalStateException if ONNX Runtime rejects the model
     */
    public static OrtLogits open(byte[] model, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("ONNX Runtime threads must be at least 1, was " + threads);
        }
        OnnxRuntimeNatives.load();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            return new OrtLogits(environment, options, environment.createSession(model, options));
        } catch (OrtException e) {
            options.close();
            throw new IllegalStateException("ONNX Runtime cannot load the student model (" + model.length
                    + " bytes): " + e.getMessage(), e);
        }
    }

    /** The logits of every example, in batches of {@value #DEFAULT_BATCH_SIZE}. */
    public float[][] logits(TokenizedExamples examples) {
        return logits(examples.tokenIds(), DEFAULT_BATCH_SIZE);
    }

    /**
     * The logits of each row.
     *
     * @param tokenIds unpadded token id rows, each non-empty
     * @param batchSize rows per ONNX Runtime call (at least 1)
     * @return one row of logits per token id row, in the order given
     */
    public float[][] logits(int[][] tokenIds, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        Integer[] order = new Integer[tokenIds.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> tokenIds[i].length));
        float[][] result = new float[tokenIds.length][];
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            int[][] rows = new int[end - start][];
            for (int i = start; i < end; i++) {
                rows[i - start] = tokenIds[order[i]];
            }
            float[][] batch = paddedBatch(rows, longest(rows));
            for (int i = start; i < end; i++) {
                result[order[i]] = batch[i - start];
            }
        }
        return result;
    }

    /**
     * The logits of one batch, padded to exactly {@code length} positions with {@link StudentInputs#PAD_ID}
     * (tests use it to show that padding never changes the answer).
     *
     * @param rows unpadded token id rows, each non-empty and at most {@code length} long
     * @param length the padded length
     * @return one row of logits per row
     */
    public float[][] paddedBatch(int[][] rows, int length) {
        if (rows.length == 0) {
            return new float[0][];
        }
        long[] ids = new long[rows.length * length];
        long[] mask = new long[rows.length * length];
        Arrays.fill(ids, StudentInputs.PAD_ID);
        for (int b = 0; b < rows.length; b++) {
            if (rows[b].length == 0 || rows[b].length > length) {
                throw new IllegalArgumentException("row " + b + " has " + rows[b].length
                        + " tokens; expected 1 to " + length);
            }
            for (int t = 0; t < rows[b].length; t++) {
                ids[b * length + t] = rows[b][t];
                mask[b * length + t] = 1;
            }
        }
        long[] shape = {rows.length, length};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                OrtSession.Result result = session.run(Map.of(ClassifierGraph.INPUT_IDS, idTensor,
                        ClassifierGraph.ATTENTION_MASK, maskTensor), Set.of(ClassifierGraph.LOGITS))) {
            return (float[][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + rows.length + " rows of "
                    + length + " tokens: " + e.getMessage(), e);
        }
    }

    private static int longest(int[][] rows) {
        int longest = 0;
        for (int[] row : rows) {
            longest = Math.max(longest, row.length);
        }
        return longest;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }
}
