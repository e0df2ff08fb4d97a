package dev.distill.engine.train;

import ai.djl.training.tracker.Tracker;

/**
 * Learning rate that rises linearly from 0 to its peak over the warm-up steps, then falls linearly
 * to 0 at the last step (the schedule BERT-style fine-tuning uses; warm-up keeps Adam's first,
 * badly estimated steps small).
 */
public final class WarmupLinearDecay implements Tracker {

    private final float peak;
    private final int warmupSteps;
    private final int totalSteps;

    /**
     * @param peak learning rate at the end of warm-up
     * @param warmupFraction share of the steps spent warming up, in [0, 1)
     * @param totalSteps optimizer steps of the whole training, at least 1
     */
    public WarmupLinearDecay(float peak, float warmupFraction, int totalSteps) {
        if (totalSteps < 1) {
            throw new IllegalArgumentException("total steps is " + totalSteps + "; expected at least 1");
        }
        this.peak = peak;
        this.totalSteps = totalSteps;
        this.warmupSteps = Math.round(warmupFraction * totalSteps);
    }

    /**
     * @param numUpdate 1-based update count, as DJL's optimizers pass it
     * @return the learning rate for that update
     */
    @Override
    public float getNewValue(int numUpdate) {
        if (numUpdate <= warmupSteps) {
            return peak * numUpdate / warmupSteps;
        }
        float remaining = (totalSteps - numUpdate + 1) / (float) (totalSteps - warmupSteps);
        return peak * Math.max(0f, remaining);
    }
}
