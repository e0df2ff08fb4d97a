package dev.distill.engine.teacher;

import dev.distill.engine.signal.Signal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The big model whose soft targets the student learns from: its logits, and for the loss terms that
 * read more of it, the other {@link Signal signals} it can give ({@link #outputs}).
 */
public interface Teacher extends AutoCloseable {

    /** The class labels; the position of a label is its column in {@link #logits}. */
    List<String> labels();

    /**
     * The teacher's logits (before softmax) for each text, in the order given.
     *
     * @return one row of {@code labels().size()} logits per text
     */
    float[][] logits(List<String> texts);

    /** The signals this teacher can give; the logits always, others when it implements {@link #outputsWith}. */
    default Set<Signal> signals() {
        return Set.of(Signal.LOGITS);
    }

    /**
     * The teacher's logits and the asked-for signals for each text, in the order given. The logits
     * are those of {@link #logits}. Teachers say how they compute their other signals in
     * {@link #outputsWith}; this checks the signals and runs {@link #logits} alone when no other is asked for.
     *
     * @param signals the signals the loss terms read; asking for the logits alone runs {@link #logits}
     * @return one output per text
     * @throws IllegalArgumentException naming the signals this teacher cannot give and those it can
     */
    default List<TeacherOutput> outputs(List<String> texts, Set<Signal> signals) {
        checkSignals(signals);
        Set<Signal> beyondLogits = TeacherOutput.beyondLogits(signals);
        if (!beyondLogits.isEmpty()) {
            return outputsWith(texts, beyondLogits);
        }
        List<TeacherOutput> outputs = new ArrayList<>(texts.size());
        for (float[] row : logits(texts)) {
            outputs.add(TeacherOutput.ofLogits(row));
        }
        return outputs;
    }

    /**
     * The teacher's logits and {@code beyondLogits} for each text, in the order given: how a teacher that
     * gives more than the logits ({@link #signals}) computes them. {@link #outputs} calls it with a checked,
     * non-empty set of signals other than the logits.
     *
     * @param beyondLogits the signals to give besides the logits, all among {@link #signals}
     * @return one output per text
     */
    default List<TeacherOutput> outputsWith(List<String> texts, Set<Signal> beyondLogits) {
        // Reached only when signals() names more than the logits but the teacher does not say how to give them.
        throw new IllegalStateException("the teacher " + getClass().getSimpleName() + " says it gives "
                + signals() + " but computes only the logits");
    }

    /**
     * Fails when this teacher cannot give one of {@code signals}.
     *
     * @throws IllegalArgumentException naming the teacher, the missing signals and those it gives
     */
    default void checkSignals(Set<Signal> signals) {
        Set<Signal> missing = new LinkedHashSet<>(signals);
        missing.removeAll(signals());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the teacher " + getClass().getSimpleName() + " cannot give "
                    + missing + " (it gives " + signals() + "); choose loss terms that read only those");
        }
    }

    /**
     * A content hash of everything that decides the logits (model, tokenizer, head, max length):
     * equal fingerprints give equal logits, so soft targets can be cached under it.
     */
    String fingerprint();

    /** Tokens per text the teacher sees, special tokens included; longer texts are truncated. */
    int maxLength();

    /** The teacher's HuggingFace {@code tokenizer.json}. */
    Path tokenizerFile();

    /** Releases the native session. */
    @Override
    void close();
}
