package dev.distill.engine.train;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Keeps training on the faster of its thread count and one thread, measured while it trains.
 *
 * <p>Why: libtorch's intra-op threads spin-wait for each other. On a few cores that other processes also use (a
 * shared CI runner, a build beside a test run), two threads can train 20 times slower than one (measured on 2 cores
 * beside two busy single-threaded processes: 74-96 texts/s against 1,850 quiet), and nothing else tells the user.
 * So the guard times windows of a few seconds of training in units of work per second (padded tokens for text, the
 * work of a batch, which a text count hides when batches differ in length; feature or pixel values for rows) and
 * tries the other count for one window:
 * <ul>
 *   <li>once at the start, after a warm-up window, so the default is the faster of the two on this machine now;</li>
 *   <li>whenever a window falls below {@value #CLIFF} of the current count's rate (the cliff);</li>
 *   <li>and every {@value #RECHECK_SECONDS} s, since the other processes come and go.</li>
 * </ul>
 * A count is switched to only when it was at least {@value #BETTER}× faster, so noise does not flip it back and
 * forth; each switch is logged with both rates. The guard only runs when the thread count was not set by the user
 * ({@link TrainingConfig#adaptiveThreads()}); a set count is kept as it is. Intra-op threads can be changed at any
 * time in libtorch, between steps; a step's results do not depend on the count beyond floating-point order.
 */
final class ThreadCliffGuard {

    /** Seconds of training per measured window. */
    static final double WINDOW_SECONDS = 4;
    /** A window below this share of the current count's rate starts a trial of the other count. */
    static final double CLIFF = 0.5;
    /** How much faster the other count must be to be switched to. */
    static final double BETTER = 1.2;
    /** Seconds between trials when nothing fell. */
    static final double RECHECK_SECONDS = 120;

    private enum Phase { WARM_UP, MEASURE, TRIAL }

    private final int threads;
    private final IntConsumer setThreads;
    private final LongSupplier nanoClock;
    private final Consumer<String> log;
    private final String unit;
    private final boolean active;
    private Phase phase = Phase.WARM_UP;
    private int current;
    /** Tokens per second of the current count, from its last window. */
    private double currentRate = Double.NaN;
    private long windowStart;
    private long windowWork;
    private long lastTrial;
    private int trials;
    private int switches;
    /** The current count's rate when the running trial started, and whether a fall started it. */
    private double trialFrom;
    private boolean trialAfterFall;

    /**
     * @param threads the thread count training started with
     * @param active false to keep {@code threads} whatever happens (the user set it, or it is 1)
     * @param setThreads sets libtorch's intra-op threads
     * @param nanoClock {@link System#nanoTime()} outside tests
     * @param log where a switch is reported
     * @param unit what {@link #batchDone} counts, for the log: {@code tokens}, {@code values}
     */
    ThreadCliffGuard(int threads, boolean active, IntConsumer setThreads, LongSupplier nanoClock,
            Consumer<String> log, String unit) {
        this.threads = threads;
        this.current = threads;
        this.active = active && threads > 1;
        this.setThreads = setThreads;
        this.nanoClock = nanoClock;
        this.log = log;
        this.unit = unit;
        restartWindow();
        lastTrial = windowStart;
    }

    /** The count training runs with now. */
    int current() {
        return current;
    }

    /** How many times the count changed. */
    int switches() {
        return switches;
    }

    /**
     * Starts a new window without closing the open one: call it after work that is not training (a dev evaluation
     * between epochs), whose time would otherwise count as the window's.
     */
    void resume() {
        restartWindow();
    }

    /**
     * Records a trained batch.
     *
     * @param work the batch's units of work: rows times padded length for text, rows times values for rows
     */
    void batchDone(long work) {
        if (!active) {
            return;
        }
        windowWork += work;
        long now = nanoClock.getAsLong();
        double seconds = (now - windowStart) / 1e9;
        if (seconds < WINDOW_SECONDS) {
            return;
        }
        double rate = windowWork / seconds;
        switch (phase) {
            case WARM_UP -> phase = Phase.MEASURE; // the first window pays for allocation and caches
            case MEASURE -> {
                boolean first = Double.isNaN(currentRate);
                boolean fell = !first && rate < CLIFF * currentRate;
                boolean due = first || (now - lastTrial) / 1e9 >= RECHECK_SECONDS;
                // After a fall the new rate is the one to beat; otherwise smooth the noise of single windows.
                currentRate = first || fell ? rate : 0.5 * (currentRate + rate);
                if (fell || due) {
                    trial(now, fell);
                }
            }
            case TRIAL -> decide(rate);
        }
        restartWindow();
    }

    private void trial(long now, boolean fell) {
        trialFrom = currentRate;
        trialAfterFall = fell;
        lastTrial = now;
        phase = Phase.TRIAL;
        setThreads.accept(other());
    }

    private void decide(double otherRate) {
        int tried = other();
        phase = Phase.MEASURE;
        boolean switching = otherRate >= BETTER * trialFrom;
        if (++trials == 1 && !switching) {
            log.accept(String.format(Locale.ROOT, "training threads: %d ran %.0f %s/s, %d ran %.0f; keeping %d",
                    current, trialFrom, unit, tried, otherRate, current));
        }
        if (switching) {
            log.accept(String.format(Locale.ROOT, "training threads: %d ran %.0f %s/s%s, %d ran %.0f; "
                    + "continuing with %d (libtorch's threads wait for each other when the cores are busy; set "
                    + "distill.threads to keep a count)", current, trialFrom, unit,
                    trialAfterFall ? " after a fall" : "", tried, otherRate, tried));
            current = tried;
            currentRate = otherRate;
            switches++;
        } else {
            setThreads.accept(current);
        }
    }

    private int other() {
        return current == threads ? 1 : threads;
    }

    private void restartWindow() {
        windowStart = nanoClock.getAsLong();
        windowWork = 0;
    }
}
