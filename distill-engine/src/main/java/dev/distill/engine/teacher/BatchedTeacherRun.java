package dev.distill.engine.teacher;

import dev.distill.engine.signal.Signal;
import dev.distill.runtime.FloatTensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Runs a teacher over many texts in {@link LengthSortedBatches length-sorted batches} and checks
 * every logit (and every value of the other signals asked for): NaN or infinity fails naming the
 * text's place, since a soft target built from it would silently poison training.
 */
public final class BatchedTeacherRun {

    /** The batch size used when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    /** How many values of a signal other than the logits an error lists at most. */
    private static final int SIGNAL_VALUES_SHOWN = 16;

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

    /**
     * The teacher's logits and the asked-for signals for every text, in the order given; the logits
     * and every signal value are checked as {@link #logits} checks the logits.
     *
     * @param signals the signals the loss terms read
     * @param location names text {@code i} in an error, e.g. {@code train.tsv:17}
     * @throws IllegalArgumentException when the teacher cannot give one of the signals
     * @throws IllegalStateException when the teacher gives a value that is not finite, or a row of the wrong width
     */
    public List<TeacherOutput> outputs(List<String> texts, Set<Signal> signals, IntFunction<String> location) {
        teacher.checkSignals(signals);
        List<TeacherOutput> outputs = LengthSortedBatches.runRows(texts, batchSize,
                batch -> teacher.outputs(batch, signals), progress);
        int classes = teacher.labels().size();
        for (int i = 0; i < outputs.size(); i++) {
            TeacherOutput output = outputs.get(i);
            check(output.logits(), classes, texts.get(i), location.apply(i));
            for (Map.Entry<Signal, FloatTensor> signal : output.signals().entrySet()) {
                checkFinite(signal.getValue().values(), "'" + signal.getKey() + "'", SIGNAL_VALUES_SHOWN, texts.get(i),
                        location.apply(i));
            }
        }
        return outputs;
    }

    private static void check(float[] row, int classes, String text, String location) {
        if (row.length != classes) {
            throw new IllegalStateException(location + ": the teacher gave " + row.length + " logits for "
                    + classes + " labels; its 'logits' output must be [batch, classes] with one column per label of"
                    + " id2label (check that config.json belongs to this model)");
        }
        checkFinite(row, "logits", row.length, text, location);
    }

    /** @param shown how many values an error lists at most (a signal can have thousands) */
    private static void checkFinite(float[] values, String what, int shown, String text, String location) {
        for (float value : values) {
            if (!Float.isFinite(value)) {
                String quoted = text.length() > 80 ? text.substring(0, 77) + "..." : text;
                String listed = values.length <= shown ? Arrays.toString(values) : "(" + value + " among "
                        + values.length + " values)";
                throw new IllegalStateException(location + ": the teacher's " + what + " for this text are not finite "
                        + listed + " (text: '" + quoted + "'); the teacher model is broken for "
                        + "this input or numerically unstable");
            }
        }
    }
}
