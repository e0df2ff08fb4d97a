package dev.distill.engine.teacher;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/** Told how far a long teacher pass has come, e.g. to print a line every few seconds. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * Called after each batch.
     *
     * @param done texts done so far
     * @param total texts in the pass
     */
    void progress(int done, int total);

    /**
     * Called after each batch of a pass that knows what each text costs, e.g. by its length: a pass over texts sorted
     * by length does its cheapest first, so a rate in texts would promise too early an end. The default ignores the
     * costs.
     *
     * @param done texts done so far
     * @param total texts in the pass
     * @param doneCost the cost of the texts done so far
     * @param totalCost the cost of all the texts of the pass
     */
    default void progress(int done, int total, long doneCost, long totalCost) {
        progress(done, total);
    }

    /**
     * A listener that writes a line such as {@code "teacher: 1,024 / 5,000 texts"} on the first call,
     * then at most once per {@code intervalMillis} with the rate and the time left, such as
     * {@code "teacher: 2,048 / 5,000 texts, 204 texts/s, ETA 0:21"}, and always when the pass is done. The rate and
     * the time left count from the first call, and the time left is by cost when the pass gives one.
     *
     * @param what names the pass, e.g. {@code "teacher"}
     * @param lines where the lines go, e.g. a logger
     */
    static ProgressListener everyMillis(long intervalMillis, String what, Consumer<String> lines) {
        return everyMillis(intervalMillis, what, lines, System::nanoTime);
    }

    /** {@link #everyMillis(long, String, Consumer)} with a given nanosecond clock. */
    static ProgressListener everyMillis(long intervalMillis, String what, Consumer<String> lines, LongSupplier nanoClock) {
        return new ProgressLines(intervalMillis, what, lines, nanoClock);
    }

    /** How progress lines write a time: {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
