package dev.distill.engine.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The batch order of one epoch: examples are shuffled, cut into chunks of
 * {@value #BATCHES_PER_CHUNK} batches, each chunk is sorted by length and cut into batches, and the
 * batches are shuffled. Texts of similar length share a batch, so padding (which the student still
 * computes over) stays small, while every epoch still sees a different order. Seeded: the same seed
 * and epoch give the same batches.
 */
final class LengthBucketedBatches {

    /** Large enough for tight length buckets, small enough that chunks stay random. */
    static final int BATCHES_PER_CHUNK = 50;

    private LengthBucketedBatches() {}

    /**
     * @param lengths token count per example
     * @param batchSize examples per batch (the last batch of a chunk may be smaller)
     * @param random the epoch's random source
     * @return example indices per batch, covering every example once
     */
    static List<int[]> plan(int[] lengths, int batchSize, SplittableRandom random) {
        Integer[] order = new Integer[lengths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        List<int[]> batches = new ArrayList<>();
        int chunk = batchSize * BATCHES_PER_CHUNK;
        for (int start = 0; start < order.length; start += chunk) {
            Integer[] part = Arrays.copyOfRange(order, start, Math.min(order.length, start + chunk));
            Arrays.sort(part, Comparator.comparingInt(i -> lengths[i]));
            for (int b = 0; b < part.length; b += batchSize) {
                int end = Math.min(part.length, b + batchSize);
                int[] batch = new int[end - b];
                for (int j = b; j < end; j++) {
                    batch[j - b] = part[j];
                }
                batches.add(batch);
            }
        }
        int[][] shuffled = batches.toArray(new int[0][]);
        shuffle(shuffled, random);
        return Arrays.asList(shuffled);
    }

    private static <T> void shuffle(T[] items, SplittableRandom random) {
        for (int i = items.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = items[i];
            items[i] = items[j];
            items[j] = swap;
        }
    }

    /** Number of batches {@link #plan} makes for {@code size} examples. */
    static int count(int size, int batchSize) {
        int chunk = batchSize * BATCHES_PER_CHUNK;
        int full = size / chunk;
        int rest = size % chunk;
        return full * BATCHES_PER_CHUNK + (rest + batchSize - 1) / batchSize;
    }
}
