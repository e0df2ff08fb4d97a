package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.HashMap;
import java.util.Map;

/**
 * AdamW with DJL's {@code AdamW} formula (decoupled weight decay {@code w -= lr * wd * w}, bias-corrected moments,
 * DJL's default betas 0.9, 0.999 and epsilon 1e-8), written with in-place array operations. DJL's native update
 * clones the gradient and makes six more temporaries the size of the parameter; for the 30522-row embedding table
 * (47 MB at width 384) each is a fresh allocation the OS page-faults in, and the TRANSFORMER student's update took
 * 3x a plain PyTorch loop's (issue #14, {@code StudentStepBenchmark}). This one makes four, and
 * closes each as soon as it is used. The result is the
 * same AdamW step up to float rounding (the decay is one multiply, {@code w * (1 - lr * wd)}).
 */
final class InPlaceAdamW extends Optimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final ParameterTracker learningRate;
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();

    /**
     * @param learningRate the learning rate by parameter and update count
     * @param weightDecay the decoupled weight decay
     */
    InPlaceAdamW(ParameterTracker learningRate, float weightDecay) {
        super(new Builder().optWeightDecays(weightDecay));
        this.learningRate = learningRate;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        double coef1 = 1.0 - Math.pow(BETA1, t);
        double coef2 = 1.0 - Math.pow(BETA2, t);
        float rate = learningRate.getNewValue(parameterId, t);
        float biasCorrected = (float) (rate * Math.sqrt(coef2) / coef1);
        float decay = getWeightDecay();
        if (!Float.isFinite(rate) || !Float.isFinite(decay)) {
            throw new IllegalArgumentException("the learning rate (" + rate + ") or the weight decay (" + decay
                    + ") of parameter " + parameterId + " is not finite");
        }
        // The moments live as long as the weight, in its manager.
        NDArray mean = means.computeIfAbsent(parameterId, k -> weight.zerosLike());
        NDArray variance = variances.computeIfAbsent(parameterId, k -> weight.zerosLike());
        weight.muli(1f - rate * decay);
        try (NDArray scaled = grad.mul(1f - BETA1)) {
            mean.muli(BETA1).addi(scaled);
        }
        try (NDArray squared = grad.square()) {
            variance.muli(BETA2).addi(squared.muli(1f - BETA2));
        }
        try (NDArray denominator = variance.sqrt().addi(EPSILON);
                NDArray step = mean.mul(biasCorrected).divi(denominator)) {
            weight.subi(step);
        }
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
