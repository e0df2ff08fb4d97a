package dev.distill.engine.train;

import dev.distill.engine.signal.Signal;

/**
 * The hidden-state term (Tang et al.'s and TinyBERT's intermediate-layer distillation, on sentence vectors): the
 * mean squared error between the student's sentence vector, mapped to the teacher's width by the student's adapter
 * ({@link dev.distill.engine.student.Student#adaptPooledTo}), and the teacher's ({@link Signal#POOLED}: the input
 * of its classification head).
 *
 * <p>Both are centred over the batch and scaled to unit root mean square ({@link StandardizedDistanceTerm}):
 * teachers' vectors differ widely in scale and share a large common part (a MiniLM mean-pooled vector against a BERT
 * [CLS] vector), which carries nothing about the texts, and a small student's vectors start far smaller than any
 * teacher's. The term thus compares how the texts of a batch differ.
 */
public final class SentenceVectorTerm extends StandardizedDistanceTerm {

    /** The term's name. */
    public static final String NAME = "hidden";

    /** @param weight the term's weight ({@code hiddenWeight}) */
    public SentenceVectorTerm(float weight) {
        super(NAME, weight, Signal.POOLED, "the hidden-state term", "adapted sentence vectors");
    }
}
