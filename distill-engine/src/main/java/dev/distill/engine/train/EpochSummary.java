package dev.distill.engine.train;

import java.util.List;

/**
 * One epoch of training, for the report's curves.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean loss over the epoch's steps
 * @param devAccuracy accuracy on the labeled dev rows after the epoch, NaN without dev data
 * @param seconds wall time of the epoch, dev evaluation included
 * @param textsPerSecond training texts per second (dev evaluation excluded)
 * @param lossTerms each computed loss term's mean over the epoch's steps, in the loss's order; their
 *     weighted values sum to {@code trainLoss}
 */
public record EpochSummary(int epoch, double trainLoss, double devAccuracy, double seconds, double textsPerSecond,
        List<LossTermValue> lossTerms) {

    /** Copies the list. */
    public EpochSummary {
        lossTerms = List.copyOf(lossTerms);
    }

    /** An epoch whose loss terms were not recorded. */
    public EpochSummary(int epoch, double trainLoss, double devAccuracy, double seconds, double textsPerSecond) {
        this(epoch, trainLoss, devAccuracy, seconds, textsPerSecond, List.of());
    }
}
