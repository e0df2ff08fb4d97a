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

    /** The signals this teacher can give; the logits always, others when it overrides {@link #outputs}. */
    default Set<Signal> signals() {
        return Set.of(Signal.LOGITS);
    }

    /**
     * The teacher's logits and the asked-for signals for each text, in the order given. The logits
     * are those of {@link #logits}.
     *
     * @param signals the signals the loss terms read; asking for the logits alone runs {@link #logits}
     * @return one output per text
     * @throws IllegalArgumentException naming the signals this teacher cannot give and those it can
     */
    default List<TeacherOutput> outputs(List<String> texts, Set<Signal> signals) {
        checkSignals(signals);
        List<TeacherOutput> outputs = new ArrayList<>(texts.size());
        for (float[] row : logits(texts)) {
            outputs.add(TeacherOutput.ofLogits(row));
        }
        return outputs;
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
