package dev.distill.annotations.settings;

/**
 * An interval of allowed values for a numeric setting, each end open or closed; infinite ends are open. Only finite
 * numbers are ever inside.
 */
final class Range {

    private final double min;
    private final boolean minClosed;
    private final double max;
    private final boolean maxClosed;

    private Range(double min, boolean minClosed, double max, boolean maxClosed) {
        this.min = min;
        this.minClosed = minClosed;
        this.max = max;
        this.maxClosed = maxClosed;
    }

    /** [min, max]. */
    static Range closed(double min, double max) {
        return new Range(min, true, max, true);
    }

    /** (min, max]. */
    static Range openClosed(double min, double max) {
        return new Range(min, false, max, true);
    }

    /** [min, max). */
    static Range closedOpen(double min, double max) {
        return new Range(min, true, max, false);
    }

    /** [min, infinity). */
    static Range atLeast(double min) {
        return new Range(min, true, Double.POSITIVE_INFINITY, false);
    }

    boolean contains(double value) {
        return Double.isFinite(value)
                && (minClosed ? value >= min : value > min)
                && (maxClosed ? value <= max : value < max);
    }

    @Override
    public String toString() {
        return (minClosed ? "[" : "(") + bound(min) + ", " + bound(max) + (maxClosed ? "]" : ")");
    }

    private static String bound(double value) {
        if (Double.isInfinite(value)) {
            return "infinity";
        }
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
