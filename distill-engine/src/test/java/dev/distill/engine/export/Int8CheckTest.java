package dev.distill.engine.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Architecture;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.teacher.Logits;
import org.junit.jupiter.api.Test;

/** The int8 check's figures and failure messages, on the real CNN student's dev logits. */
class Int8CheckTest {

    @Test
    void answersFlippedOnThreePercentOfDevFailBothThresholdsWithTheFigures() {
        TokenizedExamples dev = ExportFixture.dev();
        float[][] fp32;
        try (OrtLogits ort = OrtLogits.open(ExportFixture.fp32(Architecture.CNN), 1)) {
            fp32 = ort.logits(dev);
        }
        // Flip the answer on the first 26 correctly answered examples: 26 / 872 = 2.98 % disagree, and
        // accuracy falls by the same share.
        float[][] flipped = new float[fp32.length][];
        int flips = 0;
        for (int i = 0; i < fp32.length; i++) {
            boolean flip = flips < 26 && Logits.argmax(fp32[i]) == dev.labels()[i];
            flipped[i] = flip ? new float[] {fp32[i][1], fp32[i][0]} : fp32[i];
            flips += flip ? 1 : 0;
        }
        Int8Comparison measured = Int8Check.compare(fp32, flipped, dev.labels());
        assertEquals(1 - 26.0 / dev.size(), measured.agreement(), 1e-12);
        assertEquals(26.0 / dev.size(), measured.accuracyDrop(), 1e-12);

        ExportCheckException e = assertThrows(ExportCheckException.class,
                () -> Int8Check.of(Thresholds.DEFAULTS).check(fp32, flipped, dev.labels()));
        String message = e.getMessage();
        assertTrue(message.contains("agrees with the float32 model on 97.02% of the 872 dev examples, below the "
                + "required 99.00% (distill.minInt8Agreement = 0.99)"), message);
        assertTrue(message.contains("a drop of 2.98 points, more than the allowed 0.50 "
                + "(distill.maxInt8AccuracyDrop = 0.005)"), message);
        assertTrue(message.contains("-Ddistill.minInt8Agreement=") && message.contains("-Ddistill.maxInt8AccuracyDrop=")
                && message.contains("quantization = NONE"), message);

        Int8Comparison relaxed = new Int8Check(0.97, 0.03).check(fp32, flipped, dev.labels());
        assertEquals(measured, relaxed);
    }
}
