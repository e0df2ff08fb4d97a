package dev.distill.engine.evaluate;

/**
 * What running a model costs, measured in the build on the dev texts.
 *
 * @param latencyP50Ms median milliseconds for one text (tokenization included)
 * @param latencyP99Ms 99th percentile of the same
 * @param throughput   texts per second in batches (of {@link SpeedProbe#BATCH} in the report)
 * @param runs         how many single-text runs the percentiles are over
 */
public record Speed(double latencyP50Ms, double latencyP99Ms, double throughput, int runs) {

    public static final Speed UNMEASURED = new Speed(Double.NaN, Double.NaN, Double.NaN, 0);
}
