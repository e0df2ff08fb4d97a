package dev.distill.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.train.TrainedStudent;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Checks that the float32 ONNX export computes what the trained DJL network computes: on every dev example the
 * largest absolute logit difference is at most the tolerance ({@code distill.parityTolerance}, 1e-4 by default).
 * A larger difference means the exporter and the trainer disagree on the student's math, which no setting of
 * the user's fixes: the build must stop before it packages a model that answers differently from the one that
 * was evaluated.
 */
public final class ParityCheck {

    private final double tolerance;
    private final int threads;

    /**
     * @param tolerance largest absolute logit difference allowed (&gt; 0)
     * @param threads ONNX Runtime intra-op threads (at least 1)
     */
    public ParityCheck(double tolerance, int threads) {
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("distill.parityTolerance = " + tolerance + " must be finite and > 0");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("ONNX Runtime threads must be at least 1, was " + threads);
        }
        this.tolerance = tolerance;
        this.threads = threads;
    }

    /** The check with the default tolerance ({@link Thresholds#DEFAULTS}) and one ONNX Runtime thread. */
    public ParityCheck() {
        this(Thresholds.DEFAULTS.parityTolerance(), 1);
    }

    /** The largest absolute logit difference allowed. */
    public double tolerance() {
        return tolerance;
    }

    /**
     * Runs the model in ONNX Runtime and the network in DJL on the dev examples and compares their logits.
     *
     * @param trained the trained network
     * @param fp32 its float32 export
     * @param dev the dev examples
     * @param describe describes dev example i (for example its file, line and text), or null
     * @return the largest absolute logit difference over all dev examples
     * @throws ExportCheckException if it exceeds the tolerance, naming the first diverging example
     */
    public double check(TrainedStudent trained, ModelProto fp32, TokenizedExamples dev, IntFunction<String> describe) {
        float[][] onnx;
        try (OrtLogits ort = OrtLogits.open(fp32, threads)) {
            onnx = ort.logits(dev);
        }
        return check(trained.logits(dev.tokenIds()), onnx, describe);
    }

    /**
     * Compares logits already computed.
     *
     * @param network the DJL network's logits, one row per dev example
     * @param onnx the ONNX model's logits, in the same order
     * @param describe describes dev example i, or null
     * @return the largest absolute logit difference
     * @throws ExportCheckException if it exceeds the tolerance, naming the first diverging example
     */
    public double check(float[][] network, float[][] onnx, IntFunction<String> describe) {
        if (network.length != onnx.length) {
            throw new IllegalArgumentException(network.length + " rows of network logits but " + onnx.length
                    + " rows of ONNX logits");
        }
        double max = 0;
        int first = -1;
        int diverging = 0;
        for (int i = 0; i < network.length; i++) {
            double difference = maxAbsDifference(network[i], onnx[i]);
            // NaN must fail too, hence the negated comparison.
            if (!(difference <= tolerance)) {
                diverging++;
                if (first < 0) {
                    first = i;
                }
            }
            max = Double.isNaN(difference) || Double.isNaN(max) ? Double.NaN : Math.max(max, difference);
        }
        if (first >= 0) {
            throw new ExportCheckException(String.format(Locale.ROOT,
                    "the float32 ONNX export does not reproduce the trained network: dev example %d%s gives "
                            + "logits %s in DJL but %s in ONNX Runtime (largest difference %.3g); %d of %d dev "
                            + "examples differ by more than the tolerance %s (distill.parityTolerance), the largest "
                            + "difference being %.3g. The exporter and the trainer disagree on the student's math, "
                            + "which is a bug in distill: please report it with the architecture and settings. "
                            + "Raising -Ddistill.parityTolerance only hides it.",
                    first, describe == null ? "" : " (" + describe.apply(first) + ")",
                    Arrays.toString(network[first]), Arrays.toString(onnx[first]),
                    maxAbsDifference(network[first], onnx[first]), diverging, network.length, tolerance, max));
        }
        return max;
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int c = 0; c < a.length; c++) {
            double difference = Math.abs((double) a[c] - b[c]);
            if (Double.isNaN(difference)) {
                return Double.NaN;
            }
            max = Math.max(max, difference);
        }
        return max;
    }
}
