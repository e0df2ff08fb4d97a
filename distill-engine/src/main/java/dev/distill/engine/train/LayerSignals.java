package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.teacher.LayerTeacher;

/**
 * What the terms that compare a student's layers with the teacher's share: their teacher signals are computed beside
 * the training for each batch ({@link LayerTeacher}), not kept per text by the transfer set.
 */
final class LayerSignals {

    private LayerSignals() {
    }

    /** The batch's teacher value of {@code signal}, or an error naming the term and what is missing. */
    static NDArray teacher(LossBatch batch, Signal signal, String term) {
        NDArray teacher = batch.teacher(signal);
        if (teacher == null) {
            throw new IllegalArgumentException("the loss term '" + term + "' needs the teacher's '" + signal
                    + "', which this batch does not carry: the teacher must run beside the training (a LayerTeacher"
                    + " given to the trainer)");
        }
        return teacher;
    }

    /** Checks that student and teacher values of {@code signal} have one shape. */
    static void requireSameShape(NDArray student, NDArray teacher, Signal signal) {
        if (!student.getShape().equals(teacher.getShape())) {
            throw new IllegalArgumentException("the student's '" + signal + "' have shape " + student.getShape()
                    + " but the teacher's have " + teacher.getShape() + "; a student cut from the teacher has its"
                    + " width and heads, and both run on the same token rows");
        }
    }
}
