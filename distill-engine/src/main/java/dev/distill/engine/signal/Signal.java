package dev.distill.engine.signal;

import java.util.Objects;

/**
 * A named value that a teacher or a student computes for each text and a loss term compares: the
 * logits, and the inner tensors that hidden-state and attention distillation read. A loss term
 * declares the signals it needs ({@code LossTerm#signals()}), and the teacher is asked for those
 * only, so a build whose loss reads logits alone runs the teacher exactly as a plain classifier.
 *
 * <p>A new signal is a new constant here (its name and its shape per text) plus the code in each
 * teacher or student that can give it; one that cannot says so naming the signal.
 *
 * @param name the signal's name, as errors and reports write it
 * @param shape what one text's value is, e.g. {@code [classes]}
 */
public record Signal(String name, String shape) {

    /** The scores before softmax, {@code [classes]} per text; every teacher and student gives them. */
    public static final Signal LOGITS = new Signal("logits", "[classes]");

    /**
     * The sentence vector the classification head reads, {@code [hidden]} per text: a BERT-style
     * teacher's pooled output (the input of its final linear layer), a student's sentence vector.
     */
    public static final Signal POOLED = new Signal("pooled", "[hidden]");

    /**
     * The hidden states of the layers a loss compares, {@code [layers, tokens, hidden]} per text: each layer's output of
     * a student, those of the teacher layers its layers were copied from, in the student's order.
     */
    public static final Signal HIDDEN_STATES = new Signal("hidden_states", "[layers, tokens, hidden]");

    /**
     * The attention probabilities of a student's last layer, or of the teacher layer it was copied from,
     * {@code [heads, tokens, tokens]} per text (query tokens, then key tokens).
     */
    public static final Signal ATTENTIONS = new Signal("attentions", "[heads, tokens, tokens]");

    /**
     * The feature map an image classifier pools before its head, {@code [channels, height, width]} per image: a CNN
     * teacher's last stage, a student's last stage mapped to the teacher's channels by its 1x1-convolution adapter.
     */
    public static final Signal FEATURE_MAP = new Signal("feature_map", "[channels, height, width]");

    /** Checks the parts. */
    public Signal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
    }

    @Override
    public String toString() {
        return name;
    }
}
