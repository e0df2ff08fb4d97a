package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import dev.distill.engine.signal.Signal;
import java.util.Set;

/**
 * The attention term (MiniLM's self-attention distillation): {@code KL(a_t ‖ a_s)} between the teacher's and the
 * student's attention distributions ({@link Signal#ATTENTIONS}, {@code [B, heads, L, L]}) in the student's last
 * layer and the teacher layer it was copied from: for each head and each real query token, the divergence over the
 * real keys, averaged over the heads and the real query tokens of the batch. Padded keys get (almost) no weight on
 * either side and are left out; probabilities are floored at {@value #FLOOR} before the logarithm so that a key the
 * student ignores entirely gives a large but finite divergence.
 */
public final class AttentionTerm extends NamedTerm {

    /** The term's name. */
    public static final String NAME = "attention";

    /** The smallest probability the logarithm sees. */
    private static final float FLOOR = 1e-12f;

    /** @param weight the term's weight ({@code attentionWeight}) */
    public AttentionTerm(float weight) {
        super(NAME, weight, Set.of(Signal.ATTENTIONS));
    }

    @Override
    public NDArray compute(LossBatch batch) {
        NDArray teacher = LayerSignals.teacher(batch, Signal.ATTENTIONS, NAME);
        NDArray student = batch.student().signal(Signal.ATTENTIONS);
        LayerSignals.requireSameShape(student, teacher, Signal.ATTENTIONS);
        NDArray mask = batch.mask(NAME);
        long heads = student.getShape().get(1);
        NDArray realKeys = mask.expandDims(1).expandDims(1);
        NDArray realQueries = mask.expandDims(1).expandDims(3);
        NDArray divergence = teacher.mul(teacher.maximum(FLOOR).log().sub(student.maximum(FLOOR).log()))
                .mul(realKeys).sum(new int[] {3}, true);
        return divergence.mul(realQueries).sum().div(mask.sum().mul(heads));
    }
}
