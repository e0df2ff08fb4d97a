package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Batches of similar lengths, every example once, reproducible from the seed. */
class LengthBucketedBatchesTest {

    private static int[] randomLengths(int n) {
        SplittableRandom random = new SplittableRandom(3);
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = 2 + random.nextInt(60);
        }
        return lengths;
    }

    /** Padded positions over all batches (each batch padded to its longest row). */
    private static long padding(List<int[]> batches, int[] lengths) {
        long padding = 0;
        for (int[] batch : batches) {
            int longest = 0;
            for (int i : batch) {
                longest = Math.max(longest, lengths[i]);
            }
            for (int i : batch) {
                padding += longest - lengths[i];
            }
        }
        return padding;
    }

    @Test
    void coversEveryExampleOnceAndPadsFarLessThanRandomBatches() {
        int[] lengths = randomLengths(5000);
        List<int[]> batches = LengthBucketedBatches.plan(lengths, 32, new SplittableRandom(1));
        assertEquals(LengthBucketedBatches.count(lengths.length, 32), batches.size());
        int[] seen = new int[lengths.length];
        for (int[] batch : batches) {
            for (int i : batch) {
                seen[i]++;
            }
        }
        for (int count : seen) {
            assertEquals(1, count);
        }
        // the same examples shuffled into consecutive batches of 32, unsorted
        long unsorted = 0;
        int[] order = new int[lengths.length];
        SplittableRandom shuffle = new SplittableRandom(9);
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int start = 0; start < order.length; start += 32) {
            int longest = 0;
            int end = Math.min(order.length, start + 32);
            for (int k = start; k < end; k++) {
                longest = Math.max(longest, lengths[order[k]]);
            }
            for (int k = start; k < end; k++) {
                unsorted += longest - lengths[order[k]];
            }
        }
        long bucketed = padding(batches, lengths);
        assertTrue(bucketed * 10 < unsorted, "bucketed padding " + bucketed + " vs random " + unsorted);
    }

    @Test
    void theSameSeedGivesTheSameBatchesAndAnotherSeedOthers() {
        int[] lengths = randomLengths(700);
        List<int[]> a = LengthBucketedBatches.plan(lengths, 16, new SplittableRandom(5));
        List<int[]> b = LengthBucketedBatches.plan(lengths, 16, new SplittableRandom(5));
        List<int[]> c = LengthBucketedBatches.plan(lengths, 16, new SplittableRandom(6));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
        boolean differs = false;
        for (int i = 0; i < a.size() && !differs; i++) {
            differs = !java.util.Arrays.equals(a.get(i), c.get(i));
        }
        assertTrue(differs, "another seed gave the same batch order");
    }

    @Test
    void anEpochPlanReplaysTheSameEpochsForTheSameSeedAndEachEpochIsReshuffled() {
        int[] lengths = randomLengths(700);
        EpochBatchPlan first = new EpochBatchPlan(42);
        EpochBatchPlan again = new EpochBatchPlan(42);
        List<int[]> epoch1 = first.nextEpoch(lengths, 16);
        List<int[]> epoch2 = first.nextEpoch(lengths, 16);
        List<int[]> replay1 = again.nextEpoch(lengths, 16);
        List<int[]> replay2 = again.nextEpoch(lengths, 16);
        for (int i = 0; i < epoch1.size(); i++) {
            assertArrayEquals(epoch1.get(i), replay1.get(i));
            assertArrayEquals(epoch2.get(i), replay2.get(i));
        }
        boolean differs = false;
        for (int i = 0; i < epoch1.size() && !differs; i++) {
            differs = !java.util.Arrays.equals(epoch1.get(i), epoch2.get(i));
        }
        assertTrue(differs, "the second epoch repeated the first one's batch order");
    }
}
