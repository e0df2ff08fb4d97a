package dev.distill.engine.evaluate;

/**
 * Linear centred kernel alignment (Kornblith et al., 2019) between two sets of vectors of the same texts, in
 * [0, 1]: 1 when one set is an orthogonal transform and a scaling of the other, near 0 when they share no
 * structure. It compares representations of different widths (a 512-wide student against a 384-wide teacher),
 * which is why distillation papers use it to tell how much of the teacher's knowledge a student kept.
 *
 * <p>{@code CKA(X, Y) = ||Yᵀ X||²_F / (||Xᵀ X||_F · ||Yᵀ Y||_F)} with the columns of X and Y centred.
 */
public final class LinearCka {

    private LinearCka() {
    }

    /**
     * @param x one row per text
     * @param y one row per text, in the same order; any width
     * @return the CKA, or NaN when either set has no variance
     * @throws IllegalArgumentException when the row counts differ or there are fewer than 2 rows
     */
    public static double of(float[][] x, float[][] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("CKA needs the same texts on both sides, at least 2; got " + x.length
                    + " and " + y.length + " rows");
        }
        double[][] cx = centred(x);
        double[][] cy = centred(y);
        double cross = frobeniusSquared(cx, cy);
        double denominator = Math.sqrt(frobeniusSquared(cx, cx) * frobeniusSquared(cy, cy));
        return denominator == 0 ? Double.NaN : cross / denominator;
    }

    /** {@code ||Aᵀ B||²_F}, summing over the texts. */
    private static double frobeniusSquared(double[][] a, double[][] b) {
        int n = a.length;
        int da = a[0].length;
        int db = b[0].length;
        double sum = 0;
        double[] column = new double[db];
        for (int i = 0; i < da; i++) {
            java.util.Arrays.fill(column, 0);
            for (int r = 0; r < n; r++) {
                double v = a[r][i];
                double[] row = b[r];
                for (int j = 0; j < db; j++) {
                    column[j] += v * row[j];
                }
            }
            for (double c : column) {
                sum += c * c;
            }
        }
        return sum;
    }

    private static double[][] centred(float[][] rows) {
        int width = rows[0].length;
        double[] mean = new double[width];
        for (float[] row : rows) {
            if (row.length != width) {
                throw new IllegalArgumentException("rows differ in width: " + row.length + " vs " + width);
            }
            for (int c = 0; c < width; c++) {
                mean[c] += row[c];
            }
        }
        for (int c = 0; c < width; c++) {
            mean[c] /= rows.length;
        }
        double[][] out = new double[rows.length][width];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < width; c++) {
                out[r][c] = rows[r][c] - mean[c];
            }
        }
        return out;
    }
}
