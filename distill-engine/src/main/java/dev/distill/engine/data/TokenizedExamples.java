package dev.distill.engine.data;

import dev.distill.engine.signal.Signal;
import dev.distill.runtime.FloatTensor;
import java.util.Map;
import dev.distill.runtime.eval.Accuracy;
import java.util.Objects;

/**
 * Texts turned into student inputs: token ids without padding (special tokens included, truncated
 * to the student's max length), gold labels ({@link #UNLABELED} = -1 where there is none, e.g. an
 * augmented text), teacher logits ({@code null} where there is no teacher) and the teacher's other
 * signals that the loss terms read (none for the knowledge-distillation loss on logits).
 *
 * <p>Row {@code i} of each array describes the same example. Arrays are shared, not copied: treat
 * them as read-only.
 *
 * @param tokenIds one row of token ids per example, unpadded, never empty
 * @param labels gold label index per example, or -1 when unlabeled
 * @param teacherLogits one row of teacher logits per example (all rows of equal width), or null
 * @param teacherSignals one value per example of each other teacher signal, by signal; empty when none
 */
public record TokenizedExamples(int[][] tokenIds, int[] labels, float[][] teacherLogits,
        Map<Signal, FloatTensor[]> teacherSignals) {

    /** The label of an example without a gold label. */
    public static final int UNLABELED = Accuracy.UNLABELED;

    /** Checks that every array describes the same number of examples. */
    public TokenizedExamples {
        Objects.requireNonNull(tokenIds, "tokenIds");
        teacherSignals = Map.copyOf(Objects.requireNonNull(teacherSignals, "teacherSignals"));
        teacherSignals.forEach((signal, values) -> {
            if (values.length != tokenIds.length) {
                throw new IllegalArgumentException("the teacher signal '" + signal + "' has " + values.length
                        + " rows but tokenIds has " + tokenIds.length);
            }
        });
        Objects.requireNonNull(labels, "labels");
        if (labels.length != tokenIds.length) {
            throw new IllegalArgumentException(
                    "labels has " + labels.length + " rows but tokenIds has " + tokenIds.length);
        }
        if (teacherLogits != null) {
            if (teacherLogits.length != tokenIds.length) {
                throw new IllegalArgumentException("teacherLogits has " + teacherLogits.length
                        + " rows but tokenIds has " + tokenIds.length);
            }
            for (int i = 1; i < teacherLogits.length; i++) {
                if (teacherLogits[i].length != teacherLogits[0].length) {
                    throw new IllegalArgumentException("teacherLogits row " + i + " has "
                            + teacherLogits[i].length + " classes, row 0 has " + teacherLogits[0].length);
                }
            }
        }
        for (int i = 0; i < tokenIds.length; i++) {
            if (tokenIds[i] == null || tokenIds[i].length == 0) {
                throw new IllegalArgumentException("tokenIds row " + i + " is empty");
            }
            if (labels[i] < UNLABELED) {
                throw new IllegalArgumentException("label of row " + i + " is " + labels[i]
                        + "; expected a class index or -1 (unlabeled)");
            }
        }
    }

    /** Examples without teacher signals other than the logits. */
    public TokenizedExamples(int[][] tokenIds, int[] labels, float[][] teacherLogits) {
        this(tokenIds, labels, teacherLogits, Map.of());
    }

    /** Number of examples. */
    public int size() {
        return tokenIds.length;
    }

    /** Whether teacher logits are present. */
    public boolean hasTeacherLogits() {
        return teacherLogits != null;
    }

    /** Number of classes of the teacher logits, or 0 when there are none or no examples. */
    public int numClasses() {
        return teacherLogits == null || teacherLogits.length == 0 ? 0 : teacherLogits[0].length;
    }

    /** Number of examples with a gold label. */
    public int labeledCount() {
        int n = 0;
        for (int label : labels) {
            if (label != UNLABELED) {
                n++;
            }
        }
        return n;
    }
}
