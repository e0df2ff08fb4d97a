package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import dev.distill.engine.signal.Signal;
import java.util.Set;

/**
 * One named, weighted term of the {@link DistillationLoss}: the loss is the sum of each term's value
 * times its weight. A term declares the {@link Signal signals} it reads from the teacher (and the
 * student), so the teacher is asked for those only; its value is logged per epoch under its name.
 *
 * <p>A new kind of distillation is a new term, beside {@link SoftTargetTerm}, {@link GoldLabelTerm},
 * {@link SentenceVectorTerm}, {@link LayerStateTerm} and {@link AttentionTerm}.
 */
public interface LossTerm {

    /** The term's name in the training history and the report, e.g. {@code soft}. */
    String name();

    /** The term's weight in the loss; a term of weight 0 is not computed. */
    float weight();

    /** The teacher signals the term reads (empty when it reads none, e.g. the gold labels' term). */
    Set<Signal> signals();

    /**
     * The term's unweighted value on a batch.
     *
     * @return a scalar
     * @throws IllegalArgumentException when the batch lacks a signal the term reads
     */
    NDArray compute(LossBatch batch);
}
