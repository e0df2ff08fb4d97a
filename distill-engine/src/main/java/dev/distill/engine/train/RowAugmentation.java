package dev.distill.engine.train;

import java.util.Random;

/**
 * What a training batch's rows go through before the student sees them: nothing for tabular rows, a random crop
 * and flip for images ({@code augment.ImageAugmenter}). It returns new rows and leaves those it is given alone.
 */
@FunctionalInterface
public interface RowAugmentation {

    /** No change. */
    RowAugmentation NONE = (rows, random) -> rows;

    /**
     * @param rows the batch's examples, flat
     * @param random the trainer's seeded source, so that a run is reproducible
     * @return the examples the student trains on, as many and of the same size
     */
    float[][] apply(float[][] rows, Random random);
}
