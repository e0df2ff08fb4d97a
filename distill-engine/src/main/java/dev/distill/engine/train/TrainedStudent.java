package dev.distill.engine.train;

import dev.distill.engine.signal.Signal;
import dev.distill.engine.teacher.Logits;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.TokenIdBatch;
import dev.distill.onnx.student.StudentWeights;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A trained student with the parameters of its best epoch, its training history, and the NDManager
 * that owns its parameters. Close it to free them.
 */
public final class TrainedStudent implements AutoCloseable {

    private final NDManager manager;
    private final Student student;
    private final TrainingHistory history;
    private final int batchSize;

    TrainedStudent(NDManager manager, Student student, TrainingHistory history, int batchSize) {
        this.manager = manager;
        this.student = student;
        this.history = history;
        this.batchSize = batchSize;
    }

    /** The DJL network (inputs as built by {@link TokenIdBatch#toNDList}). */
    public Student student() {
        return student;
    }

    /** Per-epoch loss, dev accuracy and time. */
    public TrainingHistory history() {
        return history;
    }

    /** The 1-based epoch whose parameters the student holds. */
    public int bestEpoch() {
        return history.bestEpoch();
    }

    /** The parameters in the ONNX exporter's layout. */
    public StudentWeights exportWeights() {
        return student.exportWeights();
    }

    /**
     * The student's logits for texts, computed in batches of texts of similar length (the rows come
     * back in the order given).
     *
     * @param tokenIds unpadded token id rows, each non-empty
     * @return one row of logits per text
     */
    public float[][] logits(int[][] tokenIds) {
        return logits(manager, student, tokenIds, batchSize);
    }

    /**
     * Accuracy on the labeled rows of {@code examples}.
     *
     * @return share of labeled rows whose argmax is the gold label; NaN if none is labeled
     */
    public double accuracy(TokenizedExamples examples) {
        return accuracy(logits(examples.tokenIds()), examples.labels());
    }

    /**
     * The student's sentence vectors ({@link Signal#POOLED}, through its adapter when it has one), one per row.
     *
     * @param tokenIds unpadded token id rows
     * @return one vector per row, in the order given
     */
    public float[][] sentenceVectors(int[][] tokenIds) {
        return rows(manager, student, tokenIds, batchSize, Signal.POOLED);
    }

    static float[][] logits(NDManager manager, Student student, int[][] tokenIds, int batchSize) {
        return rows(manager, student, tokenIds, batchSize, Signal.LOGITS);
    }

    /** One signal of the student's inference pass, per row, batched in order of length. */
    private static float[][] rows(NDManager manager, Student student, int[][] tokenIds, int batchSize, Signal signal) {
        Integer[] order = new Integer[tokenIds.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> tokenIds[i].length));
        float[][] result = new float[tokenIds.length][];
        ParameterStore parameterStore = new ParameterStore(manager, false);
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            int[][] rows = new int[end - start][];
            for (int i = start; i < end; i++) {
                rows[i - start] = tokenIds[order[i]];
            }
            try (NDManager batch = manager.newSubManager()) {
                NDList inputs = TokenIdBatch.of(rows).toNDList(batch);
                NDArray values = student.outputs(parameterStore, inputs, false).signal(signal);
                int width = (int) values.getShape().get(1);
                float[] flat = values.toFloatArray();
                for (int i = start; i < end; i++) {
                    result[order[i]] = Arrays.copyOfRange(flat, (i - start) * width, (i - start + 1) * width);
                }
            }
        }
        return result;
    }

    static double accuracy(float[][] logits, int[] labels) {
        return Logits.accuracy(logits, labels);
    }

    @Override
    public void close() {
        manager.close();
    }
}
