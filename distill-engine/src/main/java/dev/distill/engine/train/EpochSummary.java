package dev.distill.engine.train;

/**
 * One epoch of training, for the report's curves.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean loss over the epoch's steps
 * @param devAccuracy accuracy on the labeled dev rows after the epoch, NaN without dev data
 * @param seconds wall time of the epoch, dev evaluation included
 * @param textsPerSecond training texts per second (dev evaluation excluded)
 */
public record EpochSummary(int epoch, double trainLoss, double devAccuracy, double seconds, double textsPerSecond) {}
