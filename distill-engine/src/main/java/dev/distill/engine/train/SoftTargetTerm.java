package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import dev.distill.annotations.SoftLoss;
import dev.distill.engine.signal.Signal;
import java.util.Objects;
import java.util.Set;

/**
 * The soft term: {@code T² · KL(softmax(teacher/T) ‖ softmax(student/T))} (Hinton et al., 2015) or
 * the mean squared error between the logits (Tang et al., 2019; T unused), averaged over every row
 * of the batch (all rows carry teacher logits). The T² keeps its gradients on the scale of the hard
 * term's whatever the temperature.
 */
public final class SoftTargetTerm extends NamedTerm {

    /** The term's name. */
    public static final String NAME = "soft";

    private final SoftLoss softLoss;

    /**
     * @param weight the term's weight (alpha)
     * @param softLoss how the term compares student and teacher
     */
    public SoftTargetTerm(float weight, SoftLoss softLoss) {
        super(NAME, weight, Set.of(Signal.LOGITS));
        this.softLoss = Objects.requireNonNull(softLoss, "softLoss");
    }




    @Override
    public NDArray compute(LossBatch batch) {
        NDArray teacherLogits = batch.teacher(Signal.LOGITS);
        if (teacherLogits == null) {
            throw new IllegalArgumentException("alpha is " + weight() + " but the batch has no teacher logits");
        }
        return compute(batch.student().logits(), teacherLogits, batch.temperature());
    }

    /** Mean over rows of the soft term. */
    NDArray compute(NDArray studentLogits, NDArray teacherLogits, float temperature) {
        if (softLoss == SoftLoss.MSE) {
            return studentLogits.sub(teacherLogits).square().mean();
        }
        if (!(temperature > 0f)) {
            throw new IllegalArgumentException("temperature is " + temperature + "; expected > 0");
        }
        NDArray teacherLog = teacherLogits.div(temperature).logSoftmax(1);
        NDArray studentLog = studentLogits.div(temperature).logSoftmax(1);
        NDArray perRow = teacherLog.exp().mul(teacherLog.sub(studentLog)).sum(new int[] {1});
        return perRow.mean().mul(temperature * temperature);
    }
}
