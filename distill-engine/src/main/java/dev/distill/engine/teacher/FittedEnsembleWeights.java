package dev.distill.engine.teacher;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Weights learned on labelled rows: {@code w = softmax(θ)} with one free parameter per teacher, θ chosen by gradient
 * descent to minimise the cross-entropy of the ensemble's mixed distribution at a temperature (a build asks for
 * {@link EnsembleWeights#JUDGED_AT}, 1) against the gold labels, {@code −mean_i ln Σ_k w_k softmax(z_ik / T)[y_i]}. The rows are the dev set's (held out of train when the
 * descriptor gives no dev file), never the student's loss, on which the weights would collapse onto the teacher
 * easiest to imitate. The loss is convex in {@code w}, so the descent from equal weights finds its minimum.
 */
public final class FittedEnsembleWeights implements EnsembleWeights {

    private static final int MAX_STEPS = 2000;
    private static final double STEP = 1.0;
    /** Stop once no parameter's gradient is larger than this. */
    private static final double TOLERANCE = 1e-7;

    @Override
    public Weighting weigh(List<float[][]> logits, int[] gold, float temperature) {
        int teachers = logits.size();
        // p[i][k]: teacher k's probability of row i's gold class, at T; only labelled rows.
        double[][] p = Arrays.stream(labelledRows(gold))
                .mapToObj(i -> goldProbabilities(logits, temperature, i, gold[i]))
                .toArray(double[][]::new);
        if (p.length == 0) {
            throw new IllegalArgumentException("teacherWeights = FITTED needs labelled dev rows to fit the teacher"
                    + " weights on, and the dev set has none: give data.dev with labels, or use teacherWeights ="
                    + " FIXED with @Teacher(weight)");
        }
        double[] theta = new double[teachers];
        double before = crossEntropy(p, softmax(theta));
        int step = 0;
        for (; step < MAX_STEPS; step++) {
            double[] w = softmax(theta);
            double[] gradW = new double[teachers];
            for (double[] row : p) {
                double mixed = dot(w, row);
                for (int k = 0; k < teachers; k++) {
                    gradW[k] -= row[k] / mixed / p.length;
                }
            }
            double mean = dot(w, gradW);
            double largest = 0;
            for (int k = 0; k < teachers; k++) {
                double grad = w[k] * (gradW[k] - mean);
                theta[k] -= STEP * grad;
                largest = Math.max(largest, Math.abs(grad));
            }
            if (largest < TOLERANCE) {
                break;
            }
        }
        double[] weights = softmax(theta);
        return new Weighting(weights, String.format(Locale.ROOT, "fitted on %d labelled dev rows at T = %s:"
                + " cross-entropy %.4f with equal weights, %.4f with these (%d steps)", p.length, temperature,
                before, crossEntropy(p, weights), step));
    }

    private static int[] labelledRows(int[] gold) {
        return java.util.stream.IntStream.range(0, gold.length).filter(i -> gold[i] >= 0).toArray();
    }

    private static double[] goldProbabilities(List<float[][]> logits, float temperature, int row, int gold) {
        double[] p = new double[logits.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = EnsembleTeacher.softmax(logits.get(k)[row], temperature)[gold];
        }
        return p;
    }

    private static double crossEntropy(double[][] p, double[] w) {
        double sum = 0;
        for (double[] row : p) {
            sum -= Math.log(Math.max(dot(w, row), 1e-300));
        }
        return sum / p.length;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    private static double[] softmax(double[] theta) {
        double max = Arrays.stream(theta).max().orElse(0);
        double[] w = Arrays.stream(theta).map(t -> Math.exp(t - max)).toArray();
        double sum = Arrays.stream(w).sum();
        return Arrays.stream(w).map(v -> v / sum).toArray();
    }
}
