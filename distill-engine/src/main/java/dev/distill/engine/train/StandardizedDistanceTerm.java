package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import dev.distill.engine.signal.Signal;
import java.util.Set;

/**
 * A term that compares one signal of student and teacher, each centred over the batch and scaled to unit root mean
 * square, by their mean squared difference: in [0, 4] (2 for unrelated values, 0 for the same up to scale and offset),
 * so the same weight means the same thing for every teacher and student. {@link SentenceVectorTerm} compares sentence
 * vectors, {@link FeatureMapTerm} an image's feature maps.
 */
abstract class StandardizedDistanceTerm extends NamedTerm {

    private static final float EPSILON = 1e-12f;

    private final Signal signal;
    private final String term;
    private final String adapted;

    /**
     * @param term the term, as errors name it, e.g. {@code the hidden-state term}
     * @param adapted what the student gives, as errors name it, e.g. {@code adapted sentence vectors}
     */
    StandardizedDistanceTerm(String name, float weight, Signal signal, String term, String adapted) {
        super(name, weight, Set.of(signal));
        this.signal = signal;
        this.term = term;
        this.adapted = adapted;
    }

    @Override
    public final NDArray compute(LossBatch batch) {
        NDArray teacher = batch.teacher(signal);
        if (teacher == null) {
            throw new IllegalArgumentException(term + " needs the teacher's '" + signal
                    + "' signal, which this batch does not carry");
        }
        NDArray student = batch.student().signal(signal);
        if (!student.getShape().equals(teacher.getShape())) {
            throw new IllegalArgumentException("the student's " + adapted + " have shape " + student.getShape()
                    + " but the teacher's have " + teacher.getShape());
        }
        return standardized(student).sub(standardized(teacher)).square().mean();
    }

    /** Centred over the batch (the rows), then scaled to unit root mean square over all its values. */
    private static NDArray standardized(NDArray values) {
        NDArray centred = values.sub(values.mean(new int[] {0}, true));
        return centred.div(centred.square().mean().add(EPSILON).sqrt());
    }
}
