package dev.distill.engine.softtargets;

/**
 * The columns of a soft-target folder, one row per distinct text: what distill-spark writes and a
 * {@link SoftTargetReader} reads.
 */
public final class SoftTargetColumns {

    /** The SHA-256 of the text's UTF-8 bytes, 64 hex digits: the key the soft-target cache holds the text under. */
    public static final String SHA256 = "sha256";
    /** The text. */
    public static final String TEXT = "text";
    /** The teacher's logits (float32), one per label of the teacher, in the order of its labels. */
    public static final String LOGITS = "logits";
    /** Optional: the teacher's sentence vector (float32), the input of its head, what the hidden-state term reads. */
    public static final String POOLED = "pooled";

    private SoftTargetColumns() {
    }
}
