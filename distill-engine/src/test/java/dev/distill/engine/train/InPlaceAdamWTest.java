package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.AdamW;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/**
 * {@link InPlaceAdamW} takes DJL's AdamW steps (on the real PyTorch engine): the same weights after a run of updates
 * with random gradients, weight decay and a learning rate that changes per step, up to float rounding.
 */
class InPlaceAdamWTest {

    @Test
    void takesTheStepsOfDjlsAdamW() {
        Engine engine = TorchRuntime.start(1);
        try (NDManager manager = NDManager.newBaseManager(engine.defaultDevice(), engine.getEngineName())) {
            engine.setRandomSeed(7);
            Tracker rate = Tracker.warmUp().setMainTracker(Tracker.fixed(2e-2f)).optWarmUpBeginValue(1e-3f)
                    .optWarmUpSteps(3).build();
            Optimizer djl = AdamW.builder().optLearningRateTracker(rate).optWeightDecays(0.05f).build();
            Optimizer ours = new InPlaceAdamW(rate, 0.05f);
            NDArray theirs = manager.randomNormal(new Shape(300, 16));
            NDArray mine = theirs.duplicate();
            double largestStep = 0;
            for (int step = 0; step < 8; step++) {
                try (NDArray grad = manager.randomNormal(new Shape(300, 16)).mul(1 + step)) {
                    NDArray before = theirs.duplicate();
                    djl.update("w", theirs, grad);
                    ours.update("w", mine, grad);
                    largestStep = Math.max(largestStep, theirs.sub(before).abs().max().getFloat());
                }
            }
            float difference = theirs.sub(mine).abs().max().getFloat();
            assertTrue(largestStep > 1e-3, "the updates moved the weights: " + largestStep);
            assertTrue(difference < 1e-5, "DJL's AdamW and InPlaceAdamW differ by " + difference
                    + " after 8 steps (a step is up to " + largestStep + ")");
        }
    }
}
