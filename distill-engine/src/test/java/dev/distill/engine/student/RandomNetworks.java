package dev.distill.engine.student;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import java.util.SplittableRandom;

/** Small students whose every parameter (biases included) is random, so any mapping error shows. */
final class RandomNetworks {

    static final int VOCABULARY = 50;
    /** Lengths 1 and 2 are shorter than the CNN's largest kernel; 9 is the longest row. */
    static final int[][] ROWS = {
        {3, 17, 4, 9, 22, 8, 1, 40, 5}, {7}, {12, 30}, {49, 0, 6, 6, 2}, {11, 13, 15, 17, 19, 21, 23}
    };

    private RandomNetworks() {}

    /**
     * d=8, C=3; 6 LSTM units, hidden units, filters or feed-forward units; kernel sizes {2, 3, 5}; a transformer of
     * 2 layers of 2 heads whose 16 positions are fewer than the 21 that the padding tests pad to; a bag of 7 bigram
     * buckets.
     */
    static StudentDesign<?> designOf(Architecture architecture) {
        return StudentArchitectures.design(new StudentPlan(architecture, 8, 6, new int[] {2, 3, 5}, 2, 2, 16,
                Embeddings.RANDOM).withBigramBuckets(7), VOCABULARY,
                3);
    }

    static Student create(NDManager manager, Architecture architecture) {
        Student student = designOf(architecture).create(0.5f);
        student.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
        SplittableRandom random = new SplittableRandom(architecture.ordinal());
        for (Pair<String, Parameter> pair : student.getParameters()) {
            NDArray array = pair.getValue().getArray();
            float[] values = new float[(int) array.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextDouble() - 0.5);
            }
            array.set(values);
        }
        return student;
    }

    /** The student's inference logits, one row per input row. */
    static float[][] logits(NDManager manager, Student student, NDList inputs) {
        NDArray out = student.forward(new ParameterStore(manager, false), inputs, false).head();
        int classes = (int) out.getShape().get(1);
        float[] flat = out.toFloatArray();
        float[][] rows = new float[(int) out.getShape().get(0)][classes];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(flat, b * classes, rows[b], 0, classes);
        }
        return rows;
    }
}
