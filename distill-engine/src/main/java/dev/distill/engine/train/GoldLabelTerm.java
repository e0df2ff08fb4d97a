package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.distill.engine.signal.Signal;
import java.util.Set;

/**
 * The hard term: the cross-entropy of the student's logits with the gold labels, averaged over the
 * rows with a gold label only, so unlabeled rows (label -1, e.g. augmented texts) do not dilute it,
 * and a batch without any gold label has a hard term of 0.
 */
public final class GoldLabelTerm extends NamedTerm {

    /** The term's name. */
    public static final String NAME = "hard";


    /** @param weight the term's weight (1 - alpha) */
    public GoldLabelTerm(float weight) {
        super(NAME, weight, Set.of());
    }




    @Override
    public NDArray compute(LossBatch batch) {
        NDArray studentLogits = batch.student().logits();
        NDArray gold = batch.labels().toType(DataType.INT64, false);
        NDArray labeled = gold.gte(0).toType(DataType.FLOAT32, false);
        NDArray index = gold.maximum(0).expandDims(1);
        NDArray negLogLikelihood = studentLogits.logSoftmax(1).gather(index, 1).squeeze(1).neg();
        return negLogLikelihood.mul(labeled).sum().div(labeled.sum().maximum(1f));
    }
}
