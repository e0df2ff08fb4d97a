package dev.distill.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.teacher.Logits;
import dev.distill.runtime.eval.Accuracy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that quantization kept the student's answers on the dev set: the int8 model's argmax agrees with the
 * float32 model's on at least {@code minAgreement} of the examples ({@code distill.minInt8Agreement}, 0.99 by
 * default), and its accuracy is at most {@code maxAccuracyDrop} below the float32 accuracy
 * ({@code distill.maxInt8AccuracyDrop}, 0.005 = half a point, by default).
 */
public final class Int8Check {

    /** Slack for the rounding of shares computed from counts. */
    private static final double EPSILON = 1e-12;

    private final double minAgreement;
    private final double maxAccuracyDrop;

    /**
     * @param minAgreement least share of dev examples with the same argmax, in [0, 1]
     * @param maxAccuracyDrop largest accuracy drop allowed, as a share in [0, 1]
     */
    public Int8Check(double minAgreement, double maxAccuracyDrop) {
        Thresholds checked = new Thresholds(Thresholds.DEFAULTS.parityTolerance(), minAgreement, maxAccuracyDrop);
        this.minAgreement = checked.minInt8Agreement();
        this.maxAccuracyDrop = checked.maxInt8AccuracyDrop();
    }

    /** The check with the default thresholds ({@link Thresholds#DEFAULTS}). */
    public Int8Check() {
        this(Thresholds.DEFAULTS.minInt8Agreement(), Thresholds.DEFAULTS.maxInt8AccuracyDrop());
    }

    /** The check with the int8 thresholds of {@code thresholds}. */
    public static Int8Check of(Thresholds thresholds) {
        return new Int8Check(thresholds.minInt8Agreement(), thresholds.maxInt8AccuracyDrop());
    }

    /**
     * Runs both models in ONNX Runtime on the dev examples and checks the quantized one.
     *
     * @param fp32 the float32 model
     * @param int8 the quantized model
     * @param dev the labeled dev examples
     * @param threads ONNX Runtime intra-op threads
     * @return the measured figures
     * @throws ExportCheckException if a threshold is not met
     */
    public Int8Comparison check(ModelProto fp32, ModelProto int8, TokenizedExamples dev, int threads) {
        float[][] fp32Logits;
        float[][] int8Logits;
        try (OrtLogits ort = OrtLogits.open(fp32, threads)) {
            fp32Logits = ort.logits(dev);
        }
        try (OrtLogits ort = OrtLogits.open(int8, threads)) {
            int8Logits = ort.logits(dev);
        }
        return check(fp32Logits, int8Logits, dev.labels());
    }

    /**
     * Checks logits already computed.
     *
     * @param fp32 the float32 model's logits, one row per dev example
     * @param int8 the quantized model's, in the same order
     * @param labels the gold labels ({@link TokenizedExamples#UNLABELED} rows count for agreement only)
     * @return the measured figures
     * @throws ExportCheckException if a threshold is not met
     */
    public Int8Comparison check(float[][] fp32, float[][] int8, int[] labels) {
        Int8Comparison comparison = compare(fp32, int8, labels);
        List<String> failures = new ArrayList<>();
        if (comparison.agreement() + EPSILON < minAgreement) {
            failures.add(String.format(Locale.ROOT,
                    "the int8 model agrees with the float32 model on %.2f%% of the %d dev examples, below the "
                            + "required %.2f%% (distill.minInt8Agreement = %s)",
                    100 * comparison.agreement(), comparison.examples(), 100 * minAgreement, minAgreement));
        }
        if (comparison.accuracyDrop() > maxAccuracyDrop + EPSILON) {
            failures.add(String.format(Locale.ROOT,
                    "its dev accuracy is %.2f%% against %.2f%% in float32, a drop of %.2f points, more than the "
                            + "allowed %.2f (distill.maxInt8AccuracyDrop = %s)",
                    100 * comparison.int8Accuracy(), 100 * comparison.fp32Accuracy(),
                    100 * comparison.accuracyDrop(), 100 * maxAccuracyDrop, maxAccuracyDrop));
        }
        if (!failures.isEmpty()) {
            throw new ExportCheckException("int8 quantization changed the student's answers: "
                    + String.join("; ", failures) + ". To accept this, relax the check with "
                    + "-Ddistill.minInt8Agreement=<share> or -Ddistill.maxInt8AccuracyDrop=<share>; to keep "
                    + "the float32 model instead, set quantization = NONE (-Ddistill.quantization=NONE).");
        }
        return comparison;
    }

    /** The figures, without checking them. */
    public static Int8Comparison compare(float[][] fp32, float[][] int8, int[] labels) {
        if (fp32.length != int8.length || fp32.length != labels.length) {
            throw new IllegalArgumentException("rows differ: " + fp32.length + " float32, " + int8.length
                    + " int8, " + labels.length + " labels");
        }
        int[] fp32Answers = Logits.argmaxes(fp32);
        int[] int8Answers = Logits.argmaxes(int8);
        int agreeing = 0;
        for (int i = 0; i < fp32.length; i++) {
            if (fp32Answers[i] == int8Answers[i]) {
                agreeing++;
            }
        }
        // Agreement is a share of all rows, by the same rule as accuracy (NaN for none).
        return new Int8Comparison(fp32.length, Accuracy.share(agreeing, fp32.length), Accuracy.of(labels, fp32Answers),
                Accuracy.of(labels, int8Answers));
    }
}
