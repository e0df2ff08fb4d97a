package dev.distill.engine.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** PCA on data whose components are known: variances recovered, projections orthonormal. */
class PrincipalComponentsTest {

    /** Rows z * diag(scales) * R for a random rotation R: the variances are scales^2, in a rotated basis. */
    private static float[] rotatedData(int rows, double[] scales, Random random) {
        int width = scales.length;
        double[][] rotation = randomRotation(width, random);
        float[] values = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            double[] z = new double[width];
            for (int c = 0; c < width; c++) {
                z[c] = random.nextGaussian() * scales[c];
            }
            for (int c = 0; c < width; c++) {
                double sum = 3; // an offset the mean must remove
                for (int k = 0; k < width; k++) {
                    sum += z[k] * rotation[k][c];
                }
                values[r * width + c] = (float) sum;
            }
        }
        return values;
    }

    /** Gram-Schmidt on Gaussian vectors. */
    private static double[][] randomRotation(int n, Random random) {
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i][j] = random.nextGaussian();
            }
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += q[i][j] * q[k][j];
                }
                for (int j = 0; j < n; j++) {
                    q[i][j] -= dot * q[k][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < n; j++) {
                norm += q[i][j] * q[i][j];
            }
            for (int j = 0; j < n; j++) {
                q[i][j] /= Math.sqrt(norm);
            }
        }
        return q;
    }

    @Test
    void recoversTheVariancesOfKnownComponentsLargestFirst() {
        double[] scales = {0.5, 4, 1, 2, 0.25, 3};
        float[] values = rotatedData(20_000, scales, new Random(7));
        PrincipalComponents pca = PrincipalComponents.fit(values, 20_000, scales.length);
        double[] expected = {16, 9, 4, 1, 0.25, 0.0625};
        double[] variances = pca.variances();
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], variances[k], expected[k] * 0.05, "component " + k);
        }
        assertEquals((16 + 9) / 30.3125, pca.varianceKept(2), 0.01);
        assertEquals(1.0, pca.varianceKept(scales.length), 1e-9);
    }

    @Test
    void aFullProjectionKeepsDistancesAndTheFirstColumnsCarryTheVariance() {
        double[] scales = {1, 5, 2, 0.1};
        float[] values = rotatedData(2_000, scales, new Random(11));
        PrincipalComponents pca = PrincipalComponents.fit(values, 2_000, 4);
        float[] full = pca.project(values, 4);
        for (int r = 1; r < 50; r++) {
            assertEquals(distance(values, 0, r, 4), distance(full, 0, r, 4), 1e-3, "rows 0 and " + r);
        }
        float[] two = pca.project(values, 2);
        double firstColumn = 0;
        for (int r = 0; r < 2_000; r++) {
            firstColumn += two[r * 2] * two[r * 2];
        }
        assertEquals(25, firstColumn / 1_999, 25 * 0.1, "the first column has the largest variance");
    }

    @Test
    void badSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PrincipalComponents.fit(new float[5], 2, 3));
        PrincipalComponents pca = PrincipalComponents.fit(new float[] {1, 2, 3, 4}, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pca.project(new float[4], 3));
        assertTrue(e.getMessage().contains("[1, 2]"), e.getMessage());
    }

    private static double distance(float[] values, int a, int b, int width) {
        double sum = 0;
        for (int c = 0; c < width; c++) {
            double d = values[a * width + c] - values[b * width + c];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
