package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import dev.distill.engine.signal.Signal;
import java.util.Set;

/**
 * The hidden-state term (Tang et al.'s and TinyBERT's intermediate-layer distillation, on sentence vectors): the
 * mean squared error between the student's sentence vector, mapped to the teacher's width by the student's adapter
 * ({@link dev.distill.engine.student.Student#adaptPooledTo}), and the teacher's ({@link Signal#POOLED}: the input
 * of its classification head).
 *
 * <p>Both are centred over the batch and scaled to unit root mean square: teachers' vectors differ widely in scale
 * and share a large common part (a MiniLM mean-pooled vector against a BERT [CLS] vector), which carries nothing
 * about the texts, and a small student's vectors start far smaller than any teacher's. The term thus compares how
 * the texts of a batch differ, in [0, 4] (2 for unrelated vectors, 0 for the same up to scale and offset), and the
 * same weight means the same thing for every teacher and student.
 */
public final class SentenceVectorTerm extends NamedTerm {

    /** The term's name. */
    public static final String NAME = "hidden";

    private static final float EPSILON = 1e-12f;


    /** @param weight the term's weight ({@code hiddenWeight}) */
    public SentenceVectorTerm(float weight) {
        super(NAME, weight, Set.of(Signal.POOLED));
    }

    @Override
    public NDArray compute(LossBatch batch) {
        NDArray teacher = batch.teacher(Signal.POOLED);
        if (teacher == null) {
            throw new IllegalArgumentException("the hidden-state term needs the teacher's '" + Signal.POOLED
                    + "' signal, which this batch does not carry");
        }
        NDArray student = batch.student().signal(Signal.POOLED);
        if (!student.getShape().equals(teacher.getShape())) {
            throw new IllegalArgumentException("the student's adapted sentence vectors have shape " + student.getShape()
                    + " but the teacher's have " + teacher.getShape());
        }
        return standardizedDistance(student, teacher);
    }

    /** The mean squared difference of the two, each {@link #standardized}: in [0, 4]. */
    static NDArray standardizedDistance(NDArray student, NDArray teacher) {
        return standardized(student).sub(standardized(teacher)).square().mean();
    }

    /** Centred over the batch (the rows), then scaled to unit root mean square over all its values. */
    private static NDArray standardized(NDArray vectors) {
        NDArray centred = vectors.sub(vectors.mean(new int[] {0}, true));
        return centred.div(centred.square().mean().add(EPSILON).sqrt());
    }
}
