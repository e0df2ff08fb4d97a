package dev.distill.engine.init;

/**
 * The principal components of a row-major matrix's rows, for projecting a teacher's embedding table onto fewer
 * columns (as Model2Vec does for static embeddings). The covariance matrix is {@code width x width} (384 for a
 * MiniLM teacher), small enough for an exact cyclic Jacobi eigen-decomposition, which needs no library.
 */
public final class PrincipalComponents {

    private final int width;
    private final float[] mean;
    /** Eigenvectors as rows, by decreasing eigenvalue. */
    private final double[][] components;
    private final double[] variances;

    private PrincipalComponents(int width, float[] mean, double[][] components, double[] variances) {
        this.width = width;
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    /**
     * Fits the components of {@code rows x width} values.
     *
     * @param values row-major
     * @param rows the number of rows, at least 2
     * @param width the number of columns, at least 1
     * @return the components
     * @throws IllegalArgumentException if the sizes disagree
     */
    public static PrincipalComponents fit(float[] values, int rows, int width) {
        if (rows < 2 || width < 1 || (long) rows * width != values.length) {
            throw new IllegalArgumentException("expected " + rows + " x " + width + " values (at least 2 rows), got "
                    + values.length);
        }
        float[] mean = new float[width];
        double[] sums = new double[width];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                sums[c] += values[r * width + c];
            }
        }
        for (int c = 0; c < width; c++) {
            mean[c] = (float) (sums[c] / rows);
        }
        double[][] covariance = covariance(values, rows, width, mean);
        double[][] vectors = identity(width);
        jacobi(covariance, vectors);
        Integer[] order = new Integer[width];
        for (int i = 0; i < width; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(covariance[b][b], covariance[a][a]));
        double[][] components = new double[width][width];
        double[] variances = new double[width];
        for (int k = 0; k < width; k++) {
            int column = order[k];
            variances[k] = Math.max(0, covariance[column][column]);
            for (int i = 0; i < width; i++) {
                components[k][i] = vectors[i][column];
            }
        }
        return new PrincipalComponents(width, mean, components, variances);
    }

    /**
     * The share of the total variance that the first {@code k} components keep.
     *
     * @param k components kept, 1 to the width
     * @return in [0, 1]
     */
    public double varianceKept(int k) {
        checkK(k);
        double kept = 0;
        double total = 0;
        for (int i = 0; i < width; i++) {
            total += variances[i];
            if (i < k) {
                kept += variances[i];
            }
        }
        return total == 0 ? 1 : kept / total;
    }

    /** The variance along each component, largest first. */
    public double[] variances() {
        return variances.clone();
    }

    /**
     * Projects rows onto the first {@code k} components (after subtracting the mean).
     *
     * @param values row-major, {@code rows x width}
     * @param k components kept
     * @return row-major, {@code rows x k}
     */
    public float[] project(float[] values, int k) {
        checkK(k);
        if (values.length % width != 0) {
            throw new IllegalArgumentException(values.length + " values are not rows of width " + width);
        }
        int rows = values.length / width;
        float[] out = new float[rows * k];
        double[] centered = new double[width];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                centered[c] = values[r * width + c] - mean[c];
            }
            for (int j = 0; j < k; j++) {
                double[] component = components[j];
                double dot = 0;
                for (int c = 0; c < width; c++) {
                    dot += centered[c] * component[c];
                }
                out[r * k + j] = (float) dot;
            }
        }
        return out;
    }

    private void checkK(int k) {
        if (k < 1 || k > width) {
            throw new IllegalArgumentException("components kept must be in [1, " + width + "], was " + k);
        }
    }

    private static double[][] covariance(float[] values, int rows, int width, float[] mean) {
        double[][] covariance = new double[width][width];
        float[] centered = new float[width];
        // Accumulate the upper triangle in float blocks of rows, then in double: exact enough and fast.
        float[][] block = new float[width][width];
        int blockRows = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                centered[c] = values[r * width + c] - mean[c];
            }
            for (int i = 0; i < width; i++) {
                float ci = centered[i];
                float[] line = block[i];
                for (int j = i; j < width; j++) {
                    line[j] += ci * centered[j];
                }
            }
            if (++blockRows == 256 || r == rows - 1) {
                for (int i = 0; i < width; i++) {
                    for (int j = i; j < width; j++) {
                        covariance[i][j] += block[i][j];
                        block[i][j] = 0;
                    }
                }
                blockRows = 0;
            }
        }
        for (int i = 0; i < width; i++) {
            for (int j = i; j < width; j++) {
                covariance[i][j] /= rows - 1;
                covariance[j][i] = covariance[i][j];
            }
        }
        return covariance;
    }

    private static double[][] identity(int n) {
        double[][] identity = new double[n][n];
        for (int i = 0; i < n; i++) {
            identity[i][i] = 1;
        }
        return identity;
    }

    /**
     * Cyclic Jacobi: rotates {@code a} (symmetric) towards diagonal, accumulating the rotations in {@code v}; on
     * return the diagonal of {@code a} holds the eigenvalues and the columns of {@code v} the eigenvectors.
     */
    private static void jacobi(double[][] a, double[][] v) {
        int n = a.length;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diagonal = 0;
            for (int i = 0; i < n; i++) {
                diagonal += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-22 * diagonal || off == 0) {
                return;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
    }
}
