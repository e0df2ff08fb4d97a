package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import dev.distill.annotations.SoftLoss;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.student.StudentOutputs;
import dev.distill.engine.teacher.LayerTeacher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The training loss: a weighted sum of named {@link LossTerm terms}. The knowledge-distillation loss
 * of the descriptor is {@code alpha * soft + (1 - alpha) * hard}: the {@link SoftTargetTerm} and the
 * {@link GoldLabelTerm} (see each for its math and normalization). Each term is a mean over the rows
 * it applies to, which keeps the balance between the terms at their weights whatever the share of
 * unlabeled rows in a batch.
 *
 * <p>{@code alpha = 0} is plain supervised training (teacher logits are not read and may be absent);
 * {@code alpha = 1} ignores the gold labels. A term of weight 0 is not computed at all.
 */
public final class DistillationLoss {

    private final List<LossTerm> terms;

    /**
     * The descriptor's loss: the soft term weighted {@code alpha}, the hard term {@code 1 - alpha}.
     *
     * @param alpha weight of the soft term, in [0, 1]
     * @param softLoss how the soft term compares student and teacher
     */
    public DistillationLoss(float alpha, SoftLoss softLoss) {
        this(List.of(new SoftTargetTerm(checkAlpha(alpha), softLoss), new GoldLabelTerm(1f - alpha)));
    }

    /**
     * A loss made of these terms, summed in this order.
     *
     * @throws IllegalArgumentException when a weight is negative or not finite, or two terms share a name
     */
    public DistillationLoss(List<LossTerm> terms) {
        this.terms = List.copyOf(terms);
        Set<String> names = new HashSet<>();
        for (LossTerm term : this.terms) {
            Objects.requireNonNull(term.name(), "a loss term's name");
            if (!(term.weight() >= 0f && Float.isFinite(term.weight()))) {
                throw new IllegalArgumentException("the loss term '" + term.name() + "' has weight " + term.weight()
                        + "; expected a finite weight >= 0");
            }
            if (!names.add(term.name())) {
                throw new IllegalArgumentException("two loss terms are named '" + term.name() + "'; give each its own");
            }
        }
    }

    /**
     * The loss a training configuration asks for: its alpha and soft loss, and the hidden-state, layer and attention
     * terms whose weights are above 0 (an automatic weight not yet resolved, {@link HiddenWeightChoice},
     * {@link LayerWeightChoice}, counts as 0).
     */
    public static DistillationLoss of(TrainingConfig config) {
        return of(config, SentenceVectorTerm::new);
    }

    /**
     * The loss a training configuration asks for, with {@code hiddenWeight} weighing the term {@code hiddenTerm}
     * makes: what the student's hidden state is compared with (sentence vectors, an image student's feature maps).
     */
    public static DistillationLoss of(TrainingConfig config, Function<Float, LossTerm> hiddenTerm) {
        List<LossTerm> terms = new ArrayList<>();
        terms.add(new SoftTargetTerm(checkAlpha(config.alpha()), config.softLoss()));
        if (weighs(config.hiddenWeight())) {
            terms.add(hiddenTerm.apply(config.hiddenWeight()));
        }
        if (weighs(config.layerWeight())) {
            terms.add(new LayerStateTerm(config.layerWeight()));
        }
        if (weighs(config.attentionWeight())) {
            terms.add(new AttentionTerm(config.attentionWeight()));
        }
        terms.add(new GoldLabelTerm(1f - config.alpha()));
        return new DistillationLoss(terms);
    }

    /** Whether a weight setting turns its term on: above 0, and not automatic (NaN) still. */
    private static boolean weighs(float weight) {
        return weight > 0f;
    }

    private static float checkAlpha(float alpha) {
        if (!(alpha >= 0f && alpha <= 1f)) {
            throw new IllegalArgumentException("alpha is " + alpha + "; expected a weight in [0, 1]");
        }
        return alpha;
    }

    /** The terms, in the order they are summed. */
    public List<LossTerm> terms() {
        return terms;
    }

    /** The terms that are computed: those of weight above 0. */
    public List<LossTerm> weightedTerms() {
        List<LossTerm> weighted = new ArrayList<>();
        for (LossTerm term : terms) {
            if (term.weight() > 0f) {
                weighted.add(term);
            }
        }
        return weighted;
    }

    /** The teacher signals the computed terms read; empty when the loss does not read the teacher. */
    public Set<Signal> teacherSignals() {
        Set<Signal> signals = new LinkedHashSet<>();
        weightedTerms().forEach(term -> signals.addAll(term.signals()));
        return signals;
    }

    /**
     * The teacher signals the transfer set keeps per text ({@link #teacherSignals()} but those the teacher computes
     * beside the training): what the teacher is asked for when it labels.
     */
    public Set<Signal> transferSetSignals() {
        Set<Signal> signals = teacherSignals();
        signals.removeAll(LayerTeacher.SIGNALS);
        return signals;
    }

    /** The teacher signals that a {@link LayerTeacher} computes beside the training for each batch; often none. */
    public Set<Signal> layerSignals() {
        Set<Signal> signals = teacherSignals();
        signals.retainAll(LayerTeacher.SIGNALS);
        return signals;
    }

    /** Whether the loss reads the teacher at all (for the descriptor's loss: {@code alpha > 0}). */
    public boolean needsTeacher() {
        return !teacherSignals().isEmpty();
    }

    /**
     * The loss of a batch from logits alone.
     *
     * @param studentLogits {@code [B, C]}
     * @param labels gold class per row {@code [B]} (any integer type), -1 where unlabeled
     * @param teacherLogits {@code [B, C]}; may be null when {@code alpha = 0}
     * @param temperature T &gt; 0 (KL only)
     * @return the scalar loss
     */
    public NDArray compute(NDArray studentLogits, NDArray labels, NDArray teacherLogits, float temperature) {
        Map<Signal, NDArray> teacher = teacherLogits == null ? Map.of() : Map.of(Signal.LOGITS, teacherLogits);
        return compute(new LossBatch(StudentOutputs.ofLogits(studentLogits), labels, teacher, temperature)).total();
    }

    /**
     * The loss of a batch: each term of weight above 0 computed, weighted and summed in order.
     *
     * @return the total and each computed term's unweighted value
     */
    public LossValue compute(LossBatch batch) {
        NDArray loss = null;
        Map<String, NDArray> values = new LinkedHashMap<>();
        for (LossTerm term : weightedTerms()) {
            NDArray value = term.compute(batch);
            values.put(term.name(), value);
            NDArray weighted = value.mul(term.weight());
            loss = loss == null ? weighted : loss.add(weighted);
        }
        if (loss == null) {
            throw new IllegalStateException("the loss has no term of weight above 0: " + describe());
        }
        return new LossValue(loss, values);
    }

    /** The terms and their weights, e.g. {@code 0.7 soft + 0.3 hard}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (LossTerm term : terms) {
            text.append(text.length() == 0 ? "" : " + ").append(term.weight()).append(' ').append(term.name());
        }
        return text.toString();
    }
}
