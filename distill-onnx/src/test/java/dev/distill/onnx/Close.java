package dev.distill.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helper: float arrays equal within an absolute tolerance, with the worst difference in the message. */
public final class Close {

    private Close() {
    }

    public static double maxAbsDiff(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length, "rows");
        double worst = 0;
        for (int row = 0; row < expected.length; row++) {
            worst = Math.max(worst, maxAbsDiff(expected[row], actual[row]));
        }
        return worst;
    }

    public static double maxAbsDiff(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        return worst;
    }

    public static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        double worst = maxAbsDiff(expected, actual);
        assertTrue(worst <= tolerance, what + ": max abs difference " + worst + " > " + tolerance);
    }

    public static void assertClose(float[][] expected, float[][] actual, double tolerance, String what) {
        double worst = maxAbsDiff(expected, actual);
        assertTrue(worst <= tolerance, what + ": max abs difference " + worst + " > " + tolerance);
    }

    public static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
