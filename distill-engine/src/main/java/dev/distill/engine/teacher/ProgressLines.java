package dev.distill.engine.teacher;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** The throttled progress lines of {@link ProgressListener#everyMillis}: counts, then the rate and the time left. */
final class ProgressLines implements ProgressListener {

    private final long intervalNanos;
    private final String what;
    private final Consumer<String> lines;
    private final LongSupplier nanoClock;
    private boolean started;
    private int lastDone;
    private int lastTotal;
    private long firstNanos;
    private int firstDone;
    private long firstCost;
    private long lastPrinted;

    ProgressLines(long intervalMillis, String what, Consumer<String> lines, LongSupplier nanoClock) {
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.what = Objects.requireNonNull(what, "what");
        this.lines = Objects.requireNonNull(lines, "lines");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    @Override
    public void progress(int done, int total) {
        progress(done, total, done, total);
    }

    @Override
    public synchronized void progress(int done, int total, long doneCost, long totalCost) {
        long now = nanoClock.getAsLong();
        // One listener may follow several passes (the labelling of the training texts, then of the augmented ones):
        // a count that goes back or a new total starts a new pass, with a rate of its own.
        boolean newPass = !started || done < lastDone || total != lastTotal;
        lastDone = done;
        lastTotal = total;
        if (newPass) {
            // The rate counts from the first batch's end: the listener may be made long before its pass starts.
            started = true;
            firstNanos = now;
            firstDone = done;
            firstCost = doneCost;
            lastPrinted = now;
            lines.accept(String.format(Locale.ROOT, "%s: %,d / %,d texts", what, done, total));
            return;
        }
        if (done < total && now - lastPrinted < intervalNanos) {
            return;
        }
        lastPrinted = now;
        double seconds = (now - firstNanos) / 1e9;
        String line = String.format(Locale.ROOT, "%s: %,d / %,d texts", what, done, total);
        if (seconds > 0 && done > firstDone && doneCost > firstCost) {
            line += String.format(Locale.ROOT, ", %,.0f texts/s", (done - firstDone) / seconds);
            if (done < total) {
                line += ", ETA " + ProgressListener.duration(seconds * (totalCost - doneCost) / (doneCost - firstCost));
            }
        }
        lines.accept(line);
    }
}
