package dev.distill.engine.teacher;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Runs a teacher over many texts in {@link LengthSortedBatches length-sorted batches} and checks
 * every logit: NaN or infinity fails naming the text's place, since a soft target built from it
 * would silently poison training.
 */
public final class BatchedTeacherRun {

    /** The batch size used when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final Teacher teacher;
    private final int batchSize;
    private final ProgressListener progress;

    /**
     * @param batchSize texts per teacher call, at least 1
     * @param progress told after each batch
     */
    public BatchedTeacherRun(Teacher teacher, int batchSize, ProgressListener progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("teacher batch size must be at least 1, got " + batchSize);
        }
        this.teacher = Objects.requireNonNull(teacher, "teacher");
        this.batchSize = batchSize;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * The teacher's logits for every text, in the order given.
     *
     * @param location names text {@code i} in an error, e.g. {@code train.tsv:17}
     * @throws IllegalStateException when the teacher gives NaN or infinite logits, or a row of the wrong width
     */
    public float[][] logits(List<String> texts, IntFunction<String> location) {
        float[][] logits = LengthSortedBatches.run(texts, batchSize, teacher::logits, progress);
        int classes = teacher.labels().size();
        for (int i = 0; i < logits.length; i++) {
            check(logits[i], classes, texts.get(i), location.apply(i));
        }
        return logits;
    }

    private static void check(float[] row, int classes, String text, String location) {
        if (row.length != classes) {
            throw new IllegalStateException(location + ": the teacher gave " + row.length + " logits for "
                    + classes + " labels; its 'logits' output must be [batch, classes] with one column per label of"
                    + " id2label (check that config.json belongs to this model)");
        }
        for (float value : row) {
            if (!Float.isFinite(value)) {
                String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
                throw new IllegalStateException(location + ": the teacher's logits for this text are not finite "
                        + Arrays.toString(row) + " (text: '" + shown + "'); the teacher model is broken for "
                        + "this input or numerically unstable");
            }
        }
    }
}
