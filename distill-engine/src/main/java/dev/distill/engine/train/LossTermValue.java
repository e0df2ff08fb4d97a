package dev.distill.engine.train;

import java.util.Objects;

/**
 * One loss term over an epoch, for the history and the report.
 *
 * @param name the term's name, e.g. {@code soft}
 * @param weight the term's weight in the loss
 * @param value the mean of the term's unweighted value over the epoch's steps
 */
public record LossTermValue(String name, float weight, double value) {

    /** Checks the name. */
    public LossTermValue {
        Objects.requireNonNull(name, "name");
    }

    /** The term's share of the loss: {@code weight * value}. */
    public double weighted() {
        return weight * value;
    }
}
