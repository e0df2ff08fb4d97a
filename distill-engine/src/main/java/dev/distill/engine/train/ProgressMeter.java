package dev.distill.engine.train;

import dev.distill.engine.teacher.ProgressListener;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Emits a progress line (step/total, running loss, texts/s, ETA) at most every few seconds, so a
 * long training shows it is alive without flooding the log.
 */
final class ProgressMeter {

    private final Consumer<String> sink;
    private final long intervalNanos;
    private final int totalSteps;
    private final long startNanos = System.nanoTime();
    private long lastLineNanos = startNanos;
    private long texts;
    private double lossSum;
    private int lossCount;

    ProgressMeter(Consumer<String> sink, double intervalSeconds, int totalSteps) {
        this.sink = sink;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.totalSteps = totalSteps;
    }

    /** Records a finished step (1-based over the whole training) and maybe prints a line. */
    void stepDone(int epoch, int epochs, int step, int batchTexts, float loss) {
        texts += batchTexts;
        lossSum += loss;
        lossCount++;
        long now = System.nanoTime();
        if (now - lastLineNanos < intervalNanos && step != totalSteps) {
            return;
        }
        double elapsed = (now - startNanos) / 1e9;
        double etaSeconds = elapsed / step * (totalSteps - step);
        sink.accept(String.format(Locale.ROOT, "epoch %d/%d step %d/%d loss %.4f %.0f texts/s ETA %s",
                epoch, epochs, step, totalSteps, lossSum / lossCount, texts / Math.max(elapsed, 1e-9),
                ProgressListener.duration(etaSeconds)));
        lossSum = 0;
        lossCount = 0;
        lastLineNanos = now;
    }

}
