package dev.distill.engine.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Linear CKA: 1 for the same vectors up to rotation, scale and offset, near 0 for unrelated ones. */
class LinearCkaTest {

    private static float[][] gaussian(int rows, int width, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[rows][width];
        for (float[] row : x) {
            for (int c = 0; c < width; c++) {
                row[c] = (float) random.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void isOneForARotatedScaledAndShiftedCopyOfAnotherWidth() {
        float[][] x = gaussian(300, 3, 1);
        double angle = 0.7;
        float[][] y = new float[300][4]; // rotated in the first two columns, scaled, shifted, one zero column
        for (int r = 0; r < 300; r++) {
            y[r][0] = (float) (5 * (Math.cos(angle) * x[r][0] - Math.sin(angle) * x[r][1]) + 2);
            y[r][1] = (float) (5 * (Math.sin(angle) * x[r][0] + Math.cos(angle) * x[r][1]) - 1);
            y[r][2] = 5 * x[r][2];
            y[r][3] = 7;
        }
        assertEquals(1.0, LinearCka.of(x, y), 1e-5);
    }

    @Test
    void isNearZeroForUnrelatedVectorsAndInBetweenForAPartialCopy() {
        float[][] x = gaussian(2000, 8, 2);
        float[][] unrelated = gaussian(2000, 8, 3);
        assertTrue(LinearCka.of(x, unrelated) < 0.02, "unrelated: " + LinearCka.of(x, unrelated));
        float[][] half = new float[2000][8];
        for (int r = 0; r < 2000; r++) {
            for (int c = 0; c < 8; c++) {
                half[r][c] = c < 4 ? x[r][c] : unrelated[r][c];
            }
        }
        double partial = LinearCka.of(x, half);
        assertTrue(partial > 0.3 && partial < 0.7, "half the columns shared: " + partial);
    }

    @Test
    void needsTheSameTexts() {
        assertThrows(IllegalArgumentException.class, () -> LinearCka.of(new float[3][2], new float[4][2]));
        assertTrue(Double.isNaN(LinearCka.of(new float[3][2], gaussian(3, 2, 4))), "no variance on one side");
    }
}
