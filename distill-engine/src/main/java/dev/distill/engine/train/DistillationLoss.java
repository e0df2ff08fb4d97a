package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.distill.annotations.SoftLoss;
import java.util.Objects;

/**
 * The knowledge-distillation loss
 * {@code alpha * soft + (1 - alpha) * CE(student, gold)}, where {@code soft} is
 * {@code T² · KL(softmax(teacher/T) ‖ softmax(student/T))} (Hinton et al., 2015) or the mean squared
 * error between the logits (Tang et al., 2019; T unused).
 *
 * <p>Normalization: each term is a mean over the rows it applies to. The soft term averages over
 * every row of the batch (all rows carry teacher logits); the hard term averages over the rows with
 * a gold label only, so unlabeled rows (label -1, e.g. augmented texts) contribute only the soft
 * term, and a batch without any gold label has a hard term of 0. This keeps the balance between
 * the two terms at {@code alpha} whatever the share of unlabeled rows in a batch.
 *
 * <p>{@code alpha = 0} is plain supervised training (teacher logits are not read and may be absent);
 * {@code alpha = 1} ignores the gold labels.
 */
public final class DistillationLoss {

    private final float alpha;
    private final SoftLoss softLoss;

    /**
     * @param alpha weight of the soft term, in [0, 1]
     * @param softLoss how the soft term compares student and teacher
     */
    public DistillationLoss(float alpha, SoftLoss softLoss) {
        if (!(alpha >= 0f && alpha <= 1f)) {
            throw new IllegalArgumentException("alpha is " + alpha + "; expected a weight in [0, 1]");
        }
        this.alpha = alpha;
        this.softLoss = Objects.requireNonNull(softLoss, "softLoss");
    }

    /** Whether the loss reads teacher logits at all ({@code alpha > 0}). */
    public boolean needsTeacher() {
        return alpha > 0f;
    }

    /**
     * The loss of a batch.
     *
     * @param studentLogits {@code [B, C]}
     * @param labels gold class per row {@code [B]} (any integer type), -1 where unlabeled
     * @param teacherLogits {@code [B, C]}; may be null when {@code alpha = 0}
     * @param temperature T &gt; 0 (KL only)
     * @return the scalar loss
     */
    public NDArray compute(NDArray studentLogits, NDArray labels, NDArray teacherLogits, float temperature) {
        NDArray loss = null;
        if (alpha > 0f) {
            if (teacherLogits == null) {
                throw new IllegalArgumentException("alpha is " + alpha + " but the batch has no teacher logits");
            }
            loss = softTerm(studentLogits, teacherLogits, temperature).mul(alpha);
        }
        if (alpha < 1f) {
            NDArray hard = hardTerm(studentLogits, labels).mul(1f - alpha);
            loss = loss == null ? hard : loss.add(hard);
        }
        return loss;
    }

    /** Mean over rows of the soft term. */
    NDArray softTerm(NDArray studentLogits, NDArray teacherLogits, float temperature) {
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

    /** Cross-entropy averaged over the labeled rows (0 when there are none). */
    NDArray hardTerm(NDArray studentLogits, NDArray labels) {
        NDArray gold = labels.toType(DataType.INT64, false);
        NDArray labeled = gold.gte(0).toType(DataType.FLOAT32, false);
        NDArray index = gold.maximum(0).expandDims(1);
        NDArray negLogLikelihood = studentLogits.logSoftmax(1).gather(index, 1).squeeze(1).neg();
        return negLogLikelihood.mul(labeled).sum().div(labeled.sum().maximum(1f));
    }
}
