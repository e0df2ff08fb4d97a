package dev.distill.engine.train;

import java.util.List;

/**
 * The epochs of a training run, in order, and which one's parameters the trained student kept.
 *
 * @param epochs one summary per completed epoch
 * @param bestEpoch 1-based epoch with the best dev accuracy (the last epoch without dev data)
 * @param stoppedEarly whether patience ran out before the configured number of epochs
 */
public record TrainingHistory(List<EpochSummary> epochs, int bestEpoch, boolean stoppedEarly) {

    /** Copies the list. */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** The summary of the best epoch. */
    public EpochSummary best() {
        return epochs.get(bestEpoch - 1);
    }
}
