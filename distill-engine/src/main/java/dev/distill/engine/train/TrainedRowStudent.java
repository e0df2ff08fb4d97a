package dev.distill.engine.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.distill.engine.student.RowStudent;
import dev.distill.onnx.student.StudentWeights;
import java.util.Arrays;

/**
 * A trained {@link RowStudent} (MLP, image CNN) with the NDManager that owns its parameters: its logits in DJL (for
 * the export's parity check, inference mode: no dropout, BatchNorm on its running statistics) and its weights. Close
 * it to free them.
 */
public final class TrainedRowStudent implements AutoCloseable {
    private final NDManager manager;
    private final RowStudent student;
    private final TrainingHistory history;
    private final int batchSize;

    TrainedRowStudent(NDManager manager, RowStudent student, TrainingHistory history, int batchSize) {
        this.manager = manager;
        this.student = student;
        this.history = history;
        this.batchSize = batchSize;
    }

    /** @return the network */
    public RowStudent student() {
        return student;
    }

    /** @return the epochs and the one kept */
    public TrainingHistory history() {
        return history;
    }

    /** @return the weights in the graph's layout */
    public StudentWeights exportWeights() {
        return student.exportWeights();
    }

    /** The network's logits for rows (raw feature values, preprocessed pixels), in inference mode. */
    public float[][] logits(float[][] rows) {
        return logits(manager, student, rows, batchSize);
    }

    static float[][] logits(NDManager manager, RowStudent student, float[][] rows, int batchSize) {
        float[][] out = new float[rows.length][];
        ParameterStore store = new ParameterStore(manager, false);
        for (int start = 0; start < rows.length; start += batchSize) {
            float[][] part = Arrays.copyOfRange(rows, start, Math.min(rows.length, start + batchSize));
            try (NDManager scope = manager.newSubManager()) {
                float[] flat = student.outputs(store, student.batch(part).toNDList(scope), false).logits()
                        .toFloatArray();
                int classes = flat.length / part.length;
                for (int i = 0; i < part.length; i++) {
                    out[start + i] = Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
