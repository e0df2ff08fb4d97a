package dev.distill.engine.train;

import dev.distill.engine.teacher.TeacherRows;
import java.util.function.Function;

/**
 * The teacher's logits (and the other signals the loss reads) for the rows of a training batch, as {@link RowTrainer}
 * reads them: looked up per row (the teacher labelled the unaugmented rows once) or computed on the rows the student
 * sees (the teacher run on each augmented batch, beside the training, timed so that the log can say what it cost).
 */
public abstract class SoftTargets {
    private long nanos;
    private long totalNanos;

    /**
     * @param indexes the batch's rows in the training set
     * @param rows the rows the student sees (augmented)
     * @return one row of logits per example, and the other signals
     */
    public final TeacherRows of(int[] indexes, float[][] rows) {
        long start = System.nanoTime();
        try {
            return compute(indexes, rows);
        } finally {
            long spent = System.nanoTime() - start;
            nanos += spent;
            totalNanos += spent;
        }
    }

    protected abstract TeacherRows compute(int[] indexes, float[][] rows);

    /** Starts the teacher's clock again. */
    final void resetSeconds() {
        nanos = 0;
    }

    /** @return the seconds spent since the last call, when the teacher runs beside the training; 0 otherwise */
    final double takeSeconds() {
        double seconds = nanos / 1e9;
        nanos = 0;
        return besideTraining() ? seconds : 0;
    }

    /** @return every second the soft targets took since they were made */
    public final double totalSeconds() {
        return totalNanos / 1e9;
    }

    /** @return whether the teacher runs on each batch */
    public abstract boolean besideTraining();

    /** The teacher's logits of each training row, computed once before training. */
    public static SoftTargets fixed(float[][] logits) {
        return new SoftTargets() {
            @Override
            protected TeacherRows compute(int[] indexes, float[][] rows) {
                float[][] out = new float[indexes.length][];
                for (int i = 0; i < indexes.length; i++) {
                    out[i] = logits[indexes[i]];
                }
                return TeacherRows.ofLogits(out);
            }

            @Override
            public boolean besideTraining() {
                return false;
            }
        };
    }

    /** The teacher run on every batch the student sees, augmented views included. */
    public static SoftTargets onTheFly(Function<float[][], TeacherRows> teacher) {
        return new SoftTargets() {
            @Override
            protected TeacherRows compute(int[] indexes, float[][] rows) {
                return teacher.apply(rows);
            }

            @Override
            public boolean besideTraining() {
                return true;
            }
        };
    }
}
