package dev.distill.annotations;

/**
 * How the teachers of an ensemble ({@link Distill#teacher()} with several {@link Teacher}s) are weighed when their
 * softened probabilities are mixed. With one teacher there is nothing to weigh.
 */
public enum TeacherWeights {
    /** The weights written as {@link Teacher#weight()}, normalised to sum 1 (equal weights by default). */
    FIXED,
    /**
     * Weights learned before the student trains: the softmax of one free parameter per teacher, chosen to minimise
     * the cross-entropy of the ensemble's mixed distribution of the teachers' own probabilities (at temperature 1, not
     * the distillation temperature, which would favour the teacher with the largest logits) on the labelled dev rows,
     * never on the student's own loss, where they would collapse onto the easiest teacher. The student then learns
     * from the mix of their softened probabilities with these weights. The build log, the report and the
     * student's {@code config.json} record them. {@link Teacher#weight()} is not used.
     */
    FITTED
}
