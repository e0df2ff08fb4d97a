package dev.distill.engine.teacher;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;

/**
 * Fits a softmax (multinomial logistic) regression with DJL's PyTorch engine: one Linear block,
 * softmax cross-entropy, Adam with L2, full batch, a fixed number of epochs. The weights start at
 * zero and every step sees the whole data, so the fit is deterministic on CPU.
 *
 * <p>Features are standardized per dimension before training (Adam converges in far fewer steps)
 * and the scaling is folded back into the returned head, which therefore applies to raw features.
 */
public final class SoftmaxRegression {

    /**
     * @param epochs full-batch steps
     * @param learningRate Adam's learning rate
     * @param l2 the L2 penalty (Adam weight decay) on the standardized weights
     * @param seed the engine's random seed (the fit itself draws nothing random)
     */
    public record Options(int epochs, float learningRate, float l2, long seed) {

        /** Checks the ranges. */
        public Options {
            if (epochs < 1) {
                throw new IllegalArgumentException("probe epochs must be at least 1, got " + epochs);
            }
            if (!(learningRate > 0) || !(l2 >= 0)) {
                throw new IllegalArgumentException("probe learning rate must be > 0 and L2 >= 0, got "
                        + learningRate + " and " + l2);
            }
        }

        /**
         * 300 epochs, learning rate 0.01, L2 0.1: on 1,000 SST-2 rows with MiniLM this reached 0.77 dev
         * accuracy, where L2 1e-3 overfit (0.99 train, 0.71 dev).
         */
        public static Options defaults(long seed) {
            return new Options(300, 0.01f, 0.1f, seed);
        }
    }

    private SoftmaxRegression() {
    }

    /**
     * Fits the head.
     *
     * @param features one embedding per row
     * @param labels the class of each row, in [0, classes)
     */
    public static LinearHead fit(float[][] features, int[] labels, int classes, Options options) {
        int n = features.length;
        if (n == 0 || labels.length != n) {
            throw new IllegalArgumentException("a probe needs labelled rows; got " + n + " embeddings and "
                    + labels.length + " labels");
        }
        int hidden = features[0].length;
        float[] mean = new float[hidden];
        float[] scale = new float[hidden];
        standardization(features, mean, scale);
        float[] flat = new float[n * hidden];
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < hidden; h++) {
                flat[i * hidden + h] = (features[i][h] - mean[h]) / scale[h];
            }
        }
        Engine.getEngine("PyTorch").setRandomSeed((int) options.seed());
        try (Model model = Model.newInstance("linear-probe", Device.cpu(), "PyTorch")) {
            Linear linear = Linear.builder().setUnits(classes).build();
            linear.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
            linear.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
            model.setBlock(linear);
            Optimizer adam = Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed(options.learningRate()))
                    .optWeightDecays(options.l2())
                    .build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(adam)
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(n, hidden));
                NDManager manager = trainer.getManager();
                NDArray x = manager.create(flat, new Shape(n, hidden));
                NDArray y = manager.create(Arrays.stream(labels).asLongStream().toArray());
                for (int epoch = 0; epoch < options.epochs(); epoch++) {
                    try (NDScope scope = new NDScope(); GradientCollector collector = trainer.newGradientCollector()) {
                        scope.suppressNotUsedWarning();
                        NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                        NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                        collector.backward(loss);
                    }
                    trainer.step();
                }
                float[] weights = linear.getParameters().get("weight").getArray().toFloatArray();
                float[] biases = linear.getParameters().get("bias").getArray().toFloatArray();
                return unstandardized(weights, biases, mean, scale, classes);
            }
        }
    }

    private static void standardization(float[][] features, float[] mean, float[] scale) {
        int n = features.length;
        for (float[] row : features) {
            for (int h = 0; h < mean.length; h++) {
                mean[h] += row[h] / n;
            }
        }
        for (float[] row : features) {
            for (int h = 0; h < scale.length; h++) {
                float d = row[h] - mean[h];
                scale[h] += d * d / n;
            }
        }
        for (int h = 0; h < scale.length; h++) {
            // A constant dimension carries no information; scale 1 keeps it harmless.
            scale[h] = scale[h] > 1e-12f ? (float) Math.sqrt(scale[h]) : 1f;
        }
    }

    /** W' = W / scale and b' = b - W' · mean, so that W'·x + b' = W·((x - mean) / scale) + b. */
    private static LinearHead unstandardized(float[] weights, float[] biases, float[] mean, float[] scale,
            int classes) {
        int hidden = mean.length;
        float[][] weight = new float[classes][hidden];
        float[] bias = new float[classes];
        for (int c = 0; c < classes; c++) {
            double b = biases[c];
            for (int h = 0; h < hidden; h++) {
                weight[c][h] = weights[c * hidden + h] / scale[h];
                b -= (double) weight[c][h] * mean[h];
            }
            bias[c] = (float) b;
        }
        return new LinearHead(weight, bias);
    }
}
