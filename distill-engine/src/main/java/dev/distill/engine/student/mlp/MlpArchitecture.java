package dev.distill.engine.student.mlp;

import dev.distill.annotations.Architecture;
import dev.distill.engine.student.StudentArchitecture;
import dev.distill.engine.student.StudentPlan;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.student.mlp.MlpGraph;

/**
 * {@link Architecture#MLP}, the tabular student: {@code @Student(layers)} hidden ReLU layers (0: {@value
 * #DEFAULT_LAYERS}) of {@code @Student(hiddenSize)} units, {@code @Student(dropout)} before each dense layer while
 * training. It reads numeric features, not tokens, so it is not one of the text architectures of
 * {@code StudentArchitectures} (whose networks start from an embedding table and whose trainer batches token ids):
 * {@code TabularDistiller} and {@code train.RowTrainer} build it.
 */
public final class MlpArchitecture {

    /**
     * The hidden layers of a plan that leaves {@code layers = 0}: 3, with {@link #DEFAULT_WIDTH} units and no dropout
     * ({@link #DEFAULT_DROPOUT}). On covertype's gradient-boosted trees (two MUNGE copies per row, 30 epochs) 2 x 256
     * with dropout 0.1 kept 0.92 of the trees, 2 x 512 without dropout 0.99, 3 x 512 1.00: a tree ensemble's sharp
     * splits need the capacity (README, "A tabular student").
     */
    public static final int DEFAULT_LAYERS = 3;

    /** The units of each hidden layer of a plan that leaves {@code hiddenSize = 0}. */
    public static final int DEFAULT_WIDTH = 512;

    /**
     * The dropout of a plan that leaves {@code dropout} unset: none. The teacher's soft targets (on MUNGE rows above
     * all) regularize an MLP enough: dropout 0.1 held a 3 x 512 covertype MLP about 3 points back.
     */
    public static final double DEFAULT_DROPOUT = 0.0;

    /** @return {@link Architecture#MLP} */
    public Architecture name() {
        return Architecture.MLP;
    }

    /**
     * The student's graph from the {@code @Student} values and the data's sizes.
     *
     * @param features the feature columns of a row
     * @param classes the teacher's labels
     * @throws IllegalArgumentException naming the setting that does not make a network
     */
    public MlpGraph graph(StudentPlan student, int features, int classes) {
        return new MlpGraph(features, classes, student.layers() == 0 ? DEFAULT_LAYERS : student.layers(),
                student.hiddenSize());
    }

    /** AdamW's peak learning rate when {@code @Distill(learningRate)} is unset: 1e-3, as for a random-start text student. */
    public double defaultLearningRate() {
        return StudentArchitecture.DEFAULT_LEARNING_RATE;
    }

    /**
     * An uninitialized DJL network with the math of {@code graph}.
     *
     * @param mean the per-feature mean of the training rows, subtracted first
     * @param scale the per-feature 1/std of the training rows, multiplied next
     * @param dropout dropout rate before each dense layer during training, in [0, 1)
     */
    public MlpStudent create(MlpGraph graph, float[] mean, float[] scale, float dropout) {
        return new MlpStudent(graph, mean, scale, dropout);
    }

    /**
     * Every dense layer {@code DynamicQuantizeMatMul}, however small (a tabular student's layers are far below the 16K
     * weights under which the text students keep theirs float, and they are all it has), but for the first layer,
     * which stays float ({@link DynamicInt8Quantizer#withFloatLayers}). Its input is the standardised features, where
     * a rare one-hot column reaches 1/sqrt(p) while the measurements stay within a few units, and
     * {@code DynamicQuantizeMatMul} rounds its whole input with one scale per call: on covertype that cost a 3 x 512
     * MLP 1.4 points and agreed with float32 on 96.6% of the dev rows. Float rather than weight-only int8 (which
     * agreed on 99.7%): dequantizing its weights on every call tripled the single-row latency. The first layer is a
     * small part of the work and the size (54 inputs against the hidden layers' hundreds).
     */
    public DynamicInt8Quantizer int8Quantizer() {
        return new DynamicInt8Quantizer().withMinDenseElements(0).withFloatLayers(MlpGraph.inputLayerWeight());
    }
}
