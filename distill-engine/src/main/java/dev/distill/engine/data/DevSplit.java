package dev.distill.engine.data;

import java.util.Arrays;
import java.util.Random;

/**
 * A deterministic hold-out split for when no dev file is given: the same data and seed always give
 * the same split. Each part keeps the file order.
 *
 * @param train the rows kept for training
 * @param dev the held-out rows
 */
public record DevSplit(TextDataset train, TextDataset dev) {

    /** The share of rows held out by default. */
    public static final double DEFAULT_DEV_FRACTION = 0.1;

    /**
     * Holds out {@code round(fraction * size)} rows (at least 1) chosen by a seeded shuffle.
     *
     * @throws IllegalArgumentException when the fraction is not in (0, 1) or there are fewer than 2 rows
     */
    public static DevSplit of(TextDataset data, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("dev fraction must be between 0 and 1 (exclusive), got " + fraction);
        }
        int n = data.size();
        if (n < 2) {
            throw new IllegalArgumentException(data.source() + " has " + n
                    + " row(s); a dev split needs at least 2 (or give a dev file)");
        }
        int devSize = Math.min(n - 1, Math.max(1, (int) Math.round(fraction * n)));
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] dev = Arrays.copyOf(order, devSize);
        int[] train = Arrays.copyOfRange(order, devSize, n);
        Arrays.sort(dev);
        Arrays.sort(train);
        return new DevSplit(data.select(train), data.select(dev));
    }
}
