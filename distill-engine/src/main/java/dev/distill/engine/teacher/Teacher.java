package dev.distill.engine.teacher;

import java.nio.file.Path;
import java.util.List;

/** The big model whose soft targets the student learns from. */
public interface Teacher extends AutoCloseable {

    /** The class labels; the position of a label is its column in {@link #logits}. */
    List<String> labels();

    /**
     * The teacher's logits (before softmax) for each text, in the order given.
     *
     * @return one row of {@code labels().size()} logits per text
     */
    float[][] logits(List<String> texts);

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
