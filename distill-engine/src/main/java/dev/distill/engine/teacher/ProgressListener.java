package dev.distill.engine.teacher;

import java.util.Objects;
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
     * A listener that writes a line such as {@code "teacher: 1,024 / 5,000 texts"} on the first call,
     * then at most once per {@code intervalMillis}, and always when the pass is done.
     *
     * @param what names the pass, e.g. {@code "teacher"}
     * @param lines where the lines go, e.g. a logger
     */
    static ProgressListener everyMillis(long intervalMillis, String what, Consumer<String> lines) {
        return everyMillis(intervalMillis, what, lines, System::nanoTime);
    }

    /** {@link #everyMillis(long, String, Consumer)} with a given nanosecond clock. */
    static ProgressListener everyMillis(long intervalMillis, String what, Consumer<String> lines, LongSupplier nanoClock) {
        Objects.requireNonNull(lines, "lines");
        long intervalNanos = intervalMillis * 1_000_000L;
        long[] lastPrinted = {Long.MIN_VALUE};
        return (done, total) -> {
            long now = nanoClock.getAsLong();
            if (done >= total || lastPrinted[0] == Long.MIN_VALUE || now - lastPrinted[0] >= intervalNanos) {
                lastPrinted[0] = now;
                lines.accept(String.format("%s: %,d / %,d texts", what, done, total));
            }
        };
    }
}
