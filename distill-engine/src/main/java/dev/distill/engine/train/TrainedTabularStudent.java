package dev.distill.engine.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.distill.engine.student.mlp.FeatureRowBatch;
import dev.distill.engine.student.mlp.MlpStudent;
import dev.distill.onnx.student.StudentWeights;
import java.util.Arrays;

/**
 * A trained MLP student with the NDManager that owns its parameters: its logits in DJL (for the export's parity
 * check) and its weights. Close it to free them.
 */
public final class TrainedTabularStudent implements AutoCloseable {
    private final NDManager manager;
    private final MlpStudent student;
    private final TrainingHistory history;
    private final int batchSize;

    TrainedTabularStudent(NDManager manager, MlpStudent student, TrainingHistory history, int batchSize) {
        this.manager = manager;
        this.student = student;
        this.history = history;
        this.batchSize = batchSize;
    }

    /** @return the network */
    public MlpStudent student() {
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

    /** The network's logits for rows of raw feature values (inference mode, no dropout). */
    public float[][] logits(float[][] rows) {
        return logits(manager, student, rows, batchSize);
    }

    static float[][] logits(NDManager manager, MlpStudent student, float[][] rows, int batchSize) {
        float[][] out = new float[rows.length][];
        ParameterStore store = new ParameterStore(manager, false);
        for (int start = 0; start < rows.length; start += batchSize) {
            float[][] part = Arrays.copyOfRange(rows, start, Math.min(rows.length, start + batchSize));
            try (NDManager scope = manager.newSubManager()) {
                float[] flat = student.outputs(store, new FeatureRowBatch(part).toNDList(scope), false).logits()
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
