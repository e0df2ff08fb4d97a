package dev.distill.engine.report;

import java.util.Objects;

/**
 * One teacher of an ensemble in the report: how it did on the dev set alone, and its weight in the mix. The
 * ensemble itself is the report's teacher ({@link ModelRole#TEACHER}).
 *
 * @param name {@code teacher[i]} with its model
 * @param head how it became a classifier (CLASSIFIER or LINEAR_PROBE)
 * @param devAccuracy its dev accuracy alone
 * @param weight its weight in the mix; the weights sum to 1
 */
public record EnsembleMember(String name, String head, double devAccuracy, double weight) {

    public EnsembleMember {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(head, "head");
    }
}
