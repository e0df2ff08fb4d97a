package dev.distill.engine.teacher;

import dev.distill.contract.InputKind;
import dev.distill.engine.signal.Signal;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A text teacher, the big model whose soft targets the student learns from: its logits for texts, and for
 * the loss terms that read more of it, the other {@link Signal signals} it can give ({@link #outputs(List, Set)}). It
 * reads {@code List<String>}; as a {@link TeacherModel} it answers {@link TextInputs} the same way.
 */
public interface Teacher extends TeacherModel {

    /** @return {@link InputKind#TEXT} */
    @Override
    default InputKind inputKind() {
        return InputKind.TEXT;
    }

    /**
     * The outputs for texts given as {@link TextInputs}: those of {@link #outputs(List, Set)}.
     *
     * @throws IllegalArgumentException if the examples are not texts
     */
    @Override
    default List<TeacherOutput> outputs(TeacherInputs examples, Set<Signal> signals) {
        if (!(examples instanceof TextInputs text)) {
            throw new IllegalArgumentException("the teacher " + getClass().getSimpleName() + " reads "
                    + inputKind().name() + ", not " + examples.kind().name() + " examples (" + examples.size()
                    + " of them)");
        }
        return outputs(text.texts(), signals);
    }

    /**
     * The teacher's logits (before softmax) for each text, in the order given.
     *
     * @return one row of {@code labels().size()} logits per text
     */
    float[][] logits(List<String> texts);

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
        return TeacherOutput.ofLogits(logits(texts));
    }

    /**
     * The teacher's logits and {@code beyondLogits} for each text, in the order given: how a teacher that
     * gives more than the logits ({@link #signals}) computes them. {@link #outputs(List, Set)} calls it with a checked,
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

    /** Tokens per text the teacher sees, special tokens included; longer texts are truncated. */
    int maxLength();

    /** The teacher's HuggingFace {@code tokenizer.json}. */
    Path tokenizerFile();
}
