package dev.distill.engine.train;

/**
 * The distillation temperature T over the training steps: constant, or linear from an initial to a
 * final value (a high T early transfers the teacher's "dark knowledge" about wrong classes; a low T
 * late sharpens the targets). It moves every step (every batch, also within a group of accumulated
 * batches), not once per epoch: {@code finalTemperature} is reached at the last batch of the last epoch.
 */
public final class TemperatureSchedule {

    private final float initial;
    private final float last;
    private final int totalSteps;

    private TemperatureSchedule(float initial, float last, int totalSteps) {
        requirePositive("temperature", initial);
        requirePositive("final temperature", last);
        if (totalSteps < 1) {
            throw new IllegalArgumentException("total steps is " + totalSteps + "; expected at least 1");
        }
        this.initial = initial;
        this.last = last;
        this.totalSteps = totalSteps;
    }

    private static void requirePositive(String name, float value) {
        if (!(value > 0f) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(name + " is " + value + "; expected a finite value > 0");
        }
    }

    /**
     * The same temperature at every step.
     *
     * @param temperature T &gt; 0
     * @return the schedule
     */
    public static TemperatureSchedule constant(float temperature) {
        return new TemperatureSchedule(temperature, temperature, 1);
    }

    /**
     * Linear from {@code initial} at step 0 to {@code last} at step {@code totalSteps - 1}.
     *
     * @param initial T at the first step
     * @param last T at the last step
     * @param totalSteps number of optimizer steps of the whole training
     * @return the schedule
     */
    public static TemperatureSchedule linear(float initial, float last, int totalSteps) {
        return new TemperatureSchedule(initial, last, totalSteps);
    }

    /**
     * The temperature at a step.
     *
     * @param step 0-based optimizer step; steps past the end keep the final value
     * @return T
     */
    public float at(int step) {
        if (totalSteps == 1 || initial == last) {
            return initial;
        }
        float progress = Math.min(1f, Math.max(0f, step / (float) (totalSteps - 1)));
        return initial + (last - initial) * progress;
    }
}
