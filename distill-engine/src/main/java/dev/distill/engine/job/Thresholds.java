package dev.distill.engine.job;

/**
 * The checks that fail a build, with the defaults of issue #4.
 *
 * @param parityTolerance     largest absolute logit difference allowed between the trained network and its fp32
 *                            ONNX export on the dev set
 * @param minInt8Agreement    least share of dev texts on which the int8 model's argmax equals the fp32 model's
 * @param maxInt8AccuracyDrop largest drop of dev accuracy from fp32 to int8, as a share (0.005 = half a point)
 */
public record Thresholds(double parityTolerance, double minInt8Agreement, double maxInt8AccuracyDrop) {

    public static final Thresholds DEFAULTS = new Thresholds(1e-4, 0.99, 0.005);

    public Thresholds {
        require(PluginProperties.PARITY_TOLERANCE, parityTolerance, parityTolerance > 0, "(0, infinity)");
        require(PluginProperties.MIN_INT8_AGREEMENT, minInt8Agreement, minInt8Agreement >= 0 && minInt8Agreement <= 1,
                "[0, 1]");
        require(PluginProperties.MAX_INT8_ACCURACY_DROP, maxInt8AccuracyDrop,
                maxInt8AccuracyDrop >= 0 && maxInt8AccuracyDrop <= 1, "[0, 1]");
    }

    private static void require(String property, double value, boolean ok, String range) {
        if (!ok || !Double.isFinite(value)) {
            throw new IllegalArgumentException(property + " = " + value + " is outside " + range);
        }
    }
}
