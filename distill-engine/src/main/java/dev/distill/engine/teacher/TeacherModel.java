package dev.distill.engine.teacher;

import dev.distill.contract.InputKind;
import dev.distill.engine.signal.Signal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A teacher of any input kind: the big model whose soft targets the student learns from, asked for its
 * outputs on a batch of examples. What it needs of no text: a tabular teacher
 * ({@link OnnxTabularTeacher}) implements this alone, with its own {@link TeacherInputs}, as an image one would. A text teacher implements {@link Teacher}, which reads
 * {@code List<String>} and answers {@link #outputs(TeacherInputs, Set)} from it.
 */
public interface TeacherModel extends AutoCloseable {

    /** The class labels; the position of a label is its column in the logits. */
    List<String> labels();

    /** @return the kind of examples this teacher reads */
    InputKind inputKind();

    /** The signals this teacher can give; the logits always. */
    default Set<Signal> signals() {
        return Set.of(Signal.LOGITS);
    }

    /**
     * The teacher's logits and the asked-for signals for each example, in the order given.
     *
     * @param examples examples of {@link #inputKind()}
     * @param signals the signals the loss terms read
     * @return one output per example
     * @throws IllegalArgumentException if the examples are of another kind, or naming the signals this
     *         teacher cannot give and those it can
     */
    List<TeacherOutput> outputs(TeacherInputs examples, Set<Signal> signals);

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
     * A content hash of everything that decides the outputs (model, its preprocessing, head): equal
     * fingerprints give equal logits, so soft targets can be cached under it.
     */
    String fingerprint();

    /** Releases the native session. */
    @Override
    void close();
}
