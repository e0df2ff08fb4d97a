package dev.distill.engine.student;

import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import java.util.Arrays;

/**
 * The pieces of the student specification's math on a student's exported weights, in plain Java and double
 * precision, from which each architecture's test writes its forward pass
 * ({@link StudentArchitectureContract#specForward}): nothing of ONNX or DJL, so a mistake in either shows.
 */
public final class SpecMath {

    private final StudentWeights weights;

    SpecMath(StudentWeights weights) {
        this.weights = weights;
    }

    /** The weight tensor {@code name} as exported. */
    public Tensor tensor(String name) {
        return weights.get(name);
    }

    /** Row {@code id} of the {@code embedding} table. */
    public double[] embedding(long id) {
        return row("embedding", id);
    }

    /** Row {@code index} of the matrix {@code name}. */
    public double[] row(String name, long index) {
        Tensor table = weights.get(name);
        int cols = (int) table.dim(1);
        double[] row = new double[cols];
        for (int c = 0; c < cols; c++) {
            row[c] = table.data()[(int) index * cols + c];
        }
        return row;
    }

    /** The tensor {@code name} as a vector. */
    public double[] vector(String name) {
        float[] data = weights.get(name).data();
        double[] v = new double[data.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = data[i];
        }
        return v;
    }

    /** y = x W^T + b for the Linear layer {@code prefix}, W [out, in] ({@code prefix.w}, {@code prefix.b}). */
    public double[] linear(double[] x, String prefix) {
        return add(matVec(prefix + ".w", x), vector(prefix + ".b"));
    }

    /** W x for the matrix {@code name} [out, in]. */
    public double[] matVec(String name, double[] x) {
        Tensor w = weights.get(name);
        int rows = (int) w.dim(0);
        int cols = (int) w.dim(1);
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += w.data()[r * cols + c] * x[c];
            }
            y[r] = sum;
        }
        return y;
    }

    /** (x - mean) / sqrt(var + 1e-12) * w + b over the row, with {@code prefix.w} and {@code prefix.b}. */
    public double[] layerNorm(double[] x, String prefix) {
        double mean = 0;
        for (double value : x) {
            mean += value / x.length;
        }
        double variance = 0;
        for (double value : x) {
            variance += (value - mean) * (value - mean) / x.length;
        }
        double[] w = vector(prefix + ".w");
        double[] b = vector(prefix + ".b");
        double[] y = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            y[c] = (x[c] - mean) / Math.sqrt(variance + 1e-12) * w[c] + b[c];
        }
        return y;
    }

    /** The mean of the rows. */
    public static double[] mean(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] row : rows) {
            for (int c = 0; c < mean.length; c++) {
                mean[c] += row[c] / rows.length;
            }
        }
        return mean;
    }

    public static double[] add(double[] a, double[] b) {
        double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }

    /** The per-element maximum of a and b. */
    public static double[] maximum(double[] a, double[] b) {
        double[] max = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            max[i] = Math.max(a[i], b[i]);
        }
        return max;
    }

    /** a followed by b. */
    public static double[] concat(double[] a, double[] b) {
        double[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    public static double[] relu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(x[i], 0);
        }
        return y;
    }

    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
