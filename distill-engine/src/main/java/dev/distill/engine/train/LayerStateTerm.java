package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import dev.distill.engine.signal.Signal;
import java.util.Set;

/**
 * The layer term (TinyBERT's hidden-state distillation): the mean squared error between each layer's output of a
 * student cut from the teacher and the output of the teacher layer it was copied from ({@link Signal#HIDDEN_STATES}
 * of both, {@code [B, layers, L, width]}, the student's layers in order against the teacher layers it was cut from).
 * Only the real tokens count: the mean is over the layers, the real tokens of the batch's token mask and the width.
 *
 * <p>The student has the teacher's width, so the states are compared as they are, without an adapter and without
 * rescaling: a student freshly cut from the teacher starts at 0 (up to the teacher's own rounding), and the term
 * measures how far training has moved its layers away from the teacher's.
 */
public final class LayerStateTerm extends NamedTerm {

    /** The term's name. */
    public static final String NAME = "layers";

    /** @param weight the term's weight ({@code layerWeight}) */
    public LayerStateTerm(float weight) {
        super(NAME, weight, Set.of(Signal.HIDDEN_STATES));
    }

    @Override
    public NDArray compute(LossBatch batch) {
        NDArray teacher = LayerSignals.teacher(batch, Signal.HIDDEN_STATES, NAME);
        NDArray student = batch.student().signal(Signal.HIDDEN_STATES);
        LayerSignals.requireSameShape(student, teacher, Signal.HIDDEN_STATES);
        NDArray mask = batch.mask(NAME);
        long layers = student.getShape().get(1);
        long width = student.getShape().get(3);
        NDArray realTokens = mask.expandDims(1).expandDims(3);
        return student.sub(teacher).square().mul(realTokens).sum().div(mask.sum().mul(layers * width));
    }
}
