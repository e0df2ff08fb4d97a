package dev.distill.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.distill.contract.ClassifierGraph;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.student.StudentInputs;
import dev.distill.engine.student.TokenIdBatch;
import dev.distill.nativelib.OnnxRuntimeNatives;
import dev.distill.onnx.OnnxModels;
import dev.distill.runtime.TensorBuffers;
import dev.distill.runtime.WeightFolding;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Runs a student ONNX model (the inputs of its {@link dev.distill.contract.InputKind}; output {@code logits}) in
 * ONNX Runtime on {@link StudentInputs}, fed as the batch builds them: for text, unpadded token id rows in
 * batches, each padded at the end to its own longest row, batched in order of length (less padding) and
 * given back in the order given.
 *
 * <p>Holds one ONNX Runtime session; close it when done. Not thread-safe.
 */
public final class OrtLogits implements AutoCloseable {

    /** Texts per ONNX Runtime call unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    private final OrtEnvironment environment;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final TensorBuffers buffers = new TensorBuffers();

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
            WeightFolding.applyTo(options, model); // the int8 check measures the model as applications run it
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
            float[][] batch = logits(TokenIdBatch.of(rows));
            for (int i = start; i < end; i++) {
                result[order[i]] = batch[i - start];
            }
        }
        return result;
    }

    /**
     * The logits of one batch, fed as it builds its tensors ({@link TokenIdBatch#padded} shows that padding
     * never changes the answer).
     *
     * @param batch the inputs, of the kind the model's graph declares
     * @return one row of logits per example
     * @throws IllegalArgumentException if the graph declares inputs the batch's kind cannot feed
     */
    public float[][] logits(StudentInputs batch) {
        Set<String> declared = session.getInputNames();
        batch.kind().problemWith(declared).ifPresent(problem -> {
            throw new IllegalArgumentException("the student model " + problem);
        });
        Map<String, OnnxTensor> inputs = new HashMap<>(4);
        try {
            batch.addTensors(environment, declared, buffers, inputs);
            try (OrtSession.Result result = session.run(inputs, Set.of(ClassifierGraph.LOGITS))) {
                return (float[][]) result.get(0).getValue();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + batch.describe() + ": "
                    + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
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
