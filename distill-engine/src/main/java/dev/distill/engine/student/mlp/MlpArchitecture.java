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

    /** The hidden layers of a plan that leaves {@code layers = 0}. */
    public static final int DEFAULT_LAYERS = 2;

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
     * Every dense layer int8, however small (a tabular student's layers are far below the 16K weights under which
     * the text students keep theirs float, and they are all it has): {@code DynamicQuantizeMatMul}, but for the first
     * layer, whose weights alone are int8 ({@link DynamicInt8Quantizer#withWeightsOnlyFor}). Its input is the
     * standardised features, where a rare one-hot column reaches 1/sqrt(p) while the measurements stay within a few
     * units, and {@code DynamicQuantizeMatMul} rounds its whole input with one scale per call: on covertype that cost a
     * 2 x 256 MLP 0.7 to 2 points and agreed with float32 on 93.6-97.2% of the dev rows; with the first layer's
     * activations float, 99.7% (0.1 points). The first layer is a small part of the work (54 inputs against the
     * hidden layers' hundreds).
     */
    public DynamicInt8Quantizer int8Quantizer() {
        return new DynamicInt8Quantizer().withMinDenseElements(0).withWeightsOnlyFor(MlpGraph.inputLayerWeight());
    }
}
