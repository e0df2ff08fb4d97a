package dev.distill.engine.train;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The batches of each epoch in turn, as {@link DistillationTrainer} trains on them for a seed. Public
 * so that the benchmark's PyTorch peer trains on batches cut exactly as the engine cuts them (same
 * batch size, same length buckets, hence the same sequence lengths).
 */
public final class EpochBatchPlan {

    private final SplittableRandom random;

    /** @param seed the training seed */
    public EpochBatchPlan(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * @param lengths   token count per example
     * @param batchSize examples per batch
     * @return example indices per batch of the next epoch, covering every example once
     */
    public List<int[]> nextEpoch(int[] lengths, int batchSize) {
        return LengthBucketedBatches.plan(lengths, batchSize, random.split());
    }
}
