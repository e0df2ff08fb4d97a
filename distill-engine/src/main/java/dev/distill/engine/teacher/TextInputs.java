package dev.distill.engine.teacher;

import dev.distill.contract.InputKind;
import java.util.List;
import java.util.Objects;

/**
 * Texts, as a text {@link Teacher} reads them ({@link Teacher#outputs(List, java.util.Set)} takes the list
 * itself: this is the same batch for code that handles teachers of any kind).
 *
 * @param texts the texts, in order (not copied: a null text is reported by the tokenizer, with its index)
 */
public record TextInputs(List<String> texts) implements TeacherInputs {

    /** Checks that there is a list. */
    public TextInputs {
        Objects.requireNonNull(texts, "texts");
    }

    /** @return {@link InputKind#TEXT} */
    @Override
    public InputKind kind() {
        return InputKind.TEXT;
    }

    @Override
    public int size() {
        return texts.size();
    }
}
