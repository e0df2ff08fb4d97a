package dev.distill.engine.augment;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * Augmented copies of tabular rows by MUNGE (Bucilă, Caruana and Niculescu-Mizil, 2006, "Model Compression"): each
 * row takes, feature by feature with probability {@code replaceProbability}, a value from its nearest neighbour
 * among the training rows. A feature that is 0/1 in every training row (a one-hot column, a flag) takes the
 * neighbour's value as it is; any other feature a value drawn from a normal centred on the neighbour's, with the
 * standard deviation {@code |row - neighbour| / }{@value #SPREAD} (MUNGE's local variance, s = 1). The copies stay
 * where the real rows are, unlike independent per-feature noise, so the teacher's answers on them teach the student
 * about the region it will be asked about.
 *
 * <p>The neighbour is searched approximately, as an exact search over 100,000 rows would cost 10^10 distances:
 * the rows are sorted along {@value #PROJECTIONS} random directions (in standardised units), and each row's
 * neighbour is the nearest of the {@value #WINDOW} rows on each side of it in each order.
 */
public final class MungeAugmenter {

    /** MUNGE's s: the noise of a continuous feature is the distance to the neighbour over s. */
    static final double SPREAD = 1.0;
    static final int PROJECTIONS = 4;
    static final int WINDOW = 16;

    private final AugmentOptions options;

    /** @param options {@code copies} and {@code replaceProbability} are read; the seed makes the copies repeat */
    public MungeAugmenter(AugmentOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The copies of every row: {@code copies} rounds, each a copy of every row in order, so copy {@code k} of row
     * {@code i} is at {@code k * rows.length + i}.
     *
     * @param rows the training rows, raw values
     * @param scale 1 / each feature's standard deviation over the training rows (the standardisation's), so that
     *     distances are in comparable units
     */
    public float[][] augment(float[][] rows, float[] scale) {
        if (!options.enabled() || rows.length < 2) {
            return new float[0][];
        }
        Random random = new Random(options.seed());
        int[] neighbour = nearestNeighbours(rows, scale, random);
        boolean[] binary = binaryFeatures(rows);
        float[][] copies = new float[options.copies() * rows.length][];
        for (int k = 0; k < options.copies(); k++) {
            for (int i = 0; i < rows.length; i++) {
                float[] copy = rows[i].clone();
                float[] other = rows[neighbour[i]];
                for (int f = 0; f < copy.length; f++) {
                    if (random.nextDouble() < options.replaceProbability()) {
                        copy[f] = binary[f] ? other[f]
                                : (float) (other[f] + random.nextGaussian() * Math.abs(copy[f] - other[f]) / SPREAD);
                    }
                }
                copies[k * rows.length + i] = copy;
            }
        }
        return copies;
    }

    /** For each row, the nearest other row (standardised Euclidean) among its neighbours along random directions. */
    static int[] nearestNeighbours(float[][] rows, float[] scale, Random random) {
        int n = rows.length;
        int features = rows[0].length;
        int[] best = new int[n];
        double[] bestDistance = new double[n];
        Arrays.fill(bestDistance, Double.POSITIVE_INFINITY);
        for (int p = 0; p < PROJECTIONS; p++) {
            double[] direction = new double[features];
            for (int f = 0; f < features; f++) {
                direction[f] = random.nextGaussian() * scale[f];
            }
            double[] projected = new double[n];
            for (int i = 0; i < n; i++) {
                double dot = 0;
                for (int f = 0; f < features; f++) {
                    dot += rows[i][f] * direction[f];
                }
                projected[i] = dot;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(projected[a], projected[b]));
            for (int r = 0; r < n; r++) {
                int i = order[r];
                for (int o = Math.max(0, r - WINDOW); o <= Math.min(n - 1, r + WINDOW); o++) {
                    int j = order[o];
                    if (j != i) {
                        double d = distance(rows[i], rows[j], scale);
                        if (d < bestDistance[i]) {
                            bestDistance[i] = d;
                            best[i] = j;
                        }
                    }
                }
            }
        }
        return best;
    }

    private static double distance(float[] a, float[] b, float[] scale) {
        double sum = 0;
        for (int f = 0; f < a.length; f++) {
            double d = (a[f] - b[f]) * scale[f];
            sum += d * d;
        }
        return sum;
    }

    /** The features that are 0 or 1 in every row. */
    static boolean[] binaryFeatures(float[][] rows) {
        boolean[] binary = new boolean[rows[0].length];
        Arrays.fill(binary, true);
        for (float[] row : rows) {
            for (int f = 0; f < row.length; f++) {
                binary[f] &= row[f] == 0f || row[f] == 1f;
            }
        }
        return binary;
    }
}
