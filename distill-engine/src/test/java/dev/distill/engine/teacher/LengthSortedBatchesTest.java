package dev.distill.engine.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches of similar length, results back in the caller's order, progress per batch. */
class LengthSortedBatchesTest {

    @Test
    void rowsComeBackInTheOriginalOrder() {
        List<String> texts = EngineFixtures.sst2Dev().texts().subList(0, 100);
        List<Integer> batchSizes = new ArrayList<>();
        List<Integer> progress = new ArrayList<>();
        float[][] rows = LengthSortedBatches.run(texts, 32, batch -> {
            batchSizes.add(batch.size());
            float[][] out = new float[batch.size()][];
            for (int i = 0; i < batch.size(); i++) {
                out[i] = new float[] {batch.get(i).length(), batch.get(i).hashCode()};
            }
            return out;
        }, (done, total) -> {
            assertEquals(100, total);
            progress.add(done);
        });
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(texts.get(i).length(), rows[i][0]);
            assertEquals(texts.get(i).hashCode(), rows[i][1]);
        }
        assertEquals(List.of(32, 32, 32, 4), batchSizes);
        assertEquals(List.of(32, 64, 96, 100), progress);
    }

    @Test
    void batchesHoldTextsOfSimilarLength() {
        List<String> texts = EngineFixtures.sst2Dev().texts();
        List<int[]> spans = new ArrayList<>();
        LengthSortedBatches.run(texts, 64, batch -> {
            int min = batch.stream().mapToInt(String::length).min().orElseThrow();
            int max = batch.stream().mapToInt(String::length).max().orElseThrow();
            spans.add(new int[] {min, max});
            return new float[batch.size()][0];
        }, ProgressListener.NONE);
        for (int b = 1; b < spans.size(); b++) {
            assertTrue(spans.get(b)[0] >= spans.get(b - 1)[1], "batch " + b + " overlaps the one before");
        }
    }
}
