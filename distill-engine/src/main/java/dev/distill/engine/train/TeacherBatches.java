package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.signal.Signal;
import dev.distill.runtime.FloatTensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Gathers the teacher's signals of a batch's rows into arrays whose first dimension is the batch. */
final class TeacherBatches {

    private TeacherBatches() {
    }

    /**
     * @param rows the batch's example indices
     * @param signals the signals the loss reads
     * @param logits the batch's teacher logits, {@code [B][C]}
     * @return each signal by signal, {@link Signal#LOGITS} as {@code [B, C]}, the others as {@code [B, ...]}
     * @throws IllegalArgumentException when the examples lack a signal, or its values differ in shape
     */
    static Map<Signal, NDArray> signals(NDManager manager, TokenizedExamples examples, int[] rows,
            Set<Signal> signals, float[][] logits) {
        Map<Signal, NDArray> arrays = new LinkedHashMap<>();
        for (Signal signal : signals) {
            arrays.put(signal, signal.equals(Signal.LOGITS) ? manager.create(logits)
                    : stack(manager, signal, examples, rows));
        }
        return arrays;
    }

    /** Tensors that already have the batch first (a {@code LayerTeacher}'s), as arrays. */
    static Map<Signal, NDArray> arrays(NDManager manager, Map<Signal, FloatTensor> tensors) {
        Map<Signal, NDArray> arrays = new LinkedHashMap<>();
        tensors.forEach((signal, tensor) -> arrays.put(signal, manager.create(tensor.values(),
                new Shape(tensor.shape()))));
        return arrays;
    }

    private static NDArray stack(NDManager manager, Signal signal, TokenizedExamples examples, int[] rows) {
        FloatTensor[] values = examples.teacherSignals().get(signal);
        if (values == null) {
            throw new IllegalArgumentException("the training data has no teacher signal '" + signal + "' (it has "
                    + examples.teacherSignals().keySet() + "); ask the teacher for the signals of the loss terms");
        }
        long[] shape = values[rows[0]].shape();
        int width = values[rows[0]].values().length;
        float[] stacked = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            FloatTensor value = values[rows[i]];
            if (!Arrays.equals(value.shape(), shape)) {
                throw new IllegalArgumentException("the teacher signal '" + signal + "' of training row " + rows[i]
                        + " has shape " + Arrays.toString(value.shape()) + " but row " + rows[0] + " has "
                        + Arrays.toString(shape) + "; a batch stacks equal shapes");
            }
            System.arraycopy(value.values(), 0, stacked, i * width, width);
        }
        long[] batchShape = new long[shape.length + 1];
        batchShape[0] = rows.length;
        System.arraycopy(shape, 0, batchShape, 1, shape.length);
        return manager.create(stacked, new Shape(batchShape));
    }
}
