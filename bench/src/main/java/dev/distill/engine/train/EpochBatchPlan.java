package dev.distill.engine.train;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The engine's own batch plan ({@link LengthBucketedBatches}, package-private in distill-engine),
 * opened to the benchmark so that the PyTorch peer trains on batches cut exactly as the engine cuts
 * them: same batch size, same length buckets, hence the same sequence lengths.
 */
public final class EpochBatchPlan {

    private EpochBatchPlan() {
    }

    /**
     * @param lengths token count per example
     * @param batchSize examples per batch
     * @param seed the training seed
     * @return example indices per batch of the first epoch that {@link DistillationTrainer} runs with this seed
     */
    public static List<int[]> firstEpoch(int[] lengths, int batchSize, long seed) {
        return LengthBucketedBatches.plan(lengths, batchSize, new SplittableRandom(seed).split());
    }
}
