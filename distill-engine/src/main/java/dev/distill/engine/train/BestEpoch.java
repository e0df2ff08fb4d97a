package dev.distill.engine.train;

import ai.djl.ndarray.NDManager;
import dev.distill.engine.student.Student;
import java.util.function.Consumer;

/**
 * Early stopping on the dev accuracy, shared by the text and the tabular trainer: keeps a copy of the parameters of
 * the best epoch so far, says when {@code patience} epochs brought no better one, and puts the best parameters back
 * at the end. Without dev rows every epoch counts as the best and nothing is copied.
 */
final class BestEpoch implements AutoCloseable {
    private final NDManager manager;
    private final Student student;
    private final int patience;
    private ParameterSnapshot best;
    private double bestAccuracy = Double.NEGATIVE_INFINITY;
    private int bestEpoch;

    /** @param patience epochs without a better dev accuracy that stop training; 0 never stops */
    BestEpoch(NDManager manager, Student student, int patience) {
        this.manager = manager;
        this.student = student;
        this.patience = patience;
    }

    /**
     * Records an epoch's dev accuracy.
     *
     * @param accuracy the dev accuracy, or NaN without dev rows
     * @return whether training should stop: {@code patience} epochs since the best one
     */
    boolean stopAfter(int epoch, double accuracy, boolean hasDev) {
        if (!hasDev || accuracy > bestAccuracy) {
            bestAccuracy = accuracy;
            bestEpoch = epoch;
            if (hasDev) {
                if (best != null) {
                    best.close();
                }
                best = new ParameterSnapshot(manager, student);
            }
            return false;
        }
        return patience > 0 && epoch - bestEpoch >= patience;
    }

    /** @return the epoch kept, counted from 1 */
    int epoch() {
        return bestEpoch;
    }

    /** Puts the best epoch's parameters back when a later epoch ran, saying so. */
    void restore(int epochsRun, Consumer<String> progress) {
        if (best != null && bestEpoch != epochsRun) {
            best.restore();
            progress.accept("restored the parameters of epoch " + bestEpoch + " (best dev accuracy)");
        }
    }

    @Override
    public void close() {
        if (best != null) {
            best.close();
        }
    }
}
