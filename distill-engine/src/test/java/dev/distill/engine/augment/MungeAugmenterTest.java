package dev.distill.engine.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.Format;
import dev.distill.engine.teacher.TabularTeachers;
import dev.distill.runtime.data.FeatureFileReader;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** MUNGE copies of tabular rows: on the committed covertype slice, and on two clusters where near is unambiguous. */
class MungeAugmenterTest {

    private static float[][] covertype() {
        return new FeatureFileReader(List.of(), "label", false, "").read(TabularTeachers.covertypeTrain(), Format.AUTO)
                .rows();
    }

    @Test
    void copiesRepeatForASeedAndComeInRoundsOfEveryRow() {
        float[][] rows = covertype();
        float[] scale = unitScale(rows[0].length);
        float[][] first = new MungeAugmenter(AugmentOptions.tang(2, 7)).augment(rows, scale);
        float[][] again = new MungeAugmenter(AugmentOptions.tang(2, 7)).augment(rows, scale);
        assertEquals(2 * rows.length, first.length);
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], again[i]);
        }
        assertEquals(0, new MungeAugmenter(AugmentOptions.tang(0, 7)).augment(rows, scale).length);
    }

    @Test
    void oneHotColumnsStayZeroOrOneAndNothingChangesWithoutReplacement() {
        float[][] rows = covertype();
        float[] scale = unitScale(rows[0].length);
        boolean[] binary = MungeAugmenter.binaryFeatures(rows);
        // Covertype: 10 measured features, then 4 wilderness areas and 40 soil types one-hot.
        for (int f = 0; f < binary.length; f++) {
            assertEquals(f >= 10, binary[f], "feature " + f);
        }
        for (float[] copy : new MungeAugmenter(new AugmentOptions(1, 0, 0.5, 0, 1, 3)).augment(rows, scale)) {
            for (int f = 10; f < copy.length; f++) {
                assertTrue(copy[f] == 0f || copy[f] == 1f, "one-hot value " + copy[f]);
            }
        }
        float[][] unchanged = new MungeAugmenter(new AugmentOptions(1, 0, 0, 0, 1, 3)).augment(rows, scale);
        for (int i = 0; i < rows.length; i++) {
            assertArrayEquals(rows[i], unchanged[i]);
        }
    }

    @Test
    void aRowsNeighbourIsNearerThanAnyRowOfTheOtherCluster() {
        Random random = new Random(1);
        int n = 400;
        float[][] rows = new float[n][6];
        for (int i = 0; i < n; i++) {
            float centre = i % 2 == 0 ? 0f : 100f;
            for (int f = 0; f < 6; f++) {
                rows[i][f] = centre + (float) random.nextGaussian();
            }
        }
        int[] neighbour = MungeAugmenter.nearestNeighbours(rows, unitScale(6), new Random(2));
        for (int i = 0; i < n; i++) {
            assertEquals(i % 2, neighbour[i] % 2, "row " + i + " took row " + neighbour[i] + " of the other cluster");
        }
        // Every feature taken from the neighbour: each copy stays in its own cluster, as independent noise would not.
        float[][] copies = new MungeAugmenter(new AugmentOptions(1, 0, 1, 0, 1, 5)).augment(rows, unitScale(6));
        for (int i = 0; i < n; i++) {
            for (float value : copies[i]) {
                assertTrue(Math.abs(value - (i % 2 == 0 ? 0f : 100f)) < 30, "copy of row " + i + ": " + value);
            }
        }
    }

    @Test
    void onRealRowsTheNeighbourIsFarNearerThanARowAtRandom() {
        float[][] rows = covertype();
        int features = rows[0].length;
        float[] scale = new float[features];
        for (int f = 0; f < features; f++) {
            double mean = 0;
            for (float[] row : rows) {
                mean += row[f] / rows.length;
            }
            double variance = 0;
            for (float[] row : rows) {
                variance += (row[f] - mean) * (row[f] - mean) / rows.length;
            }
            scale[f] = variance > 0 ? (float) (1 / Math.sqrt(variance)) : 1f;
        }
        int[] neighbour = MungeAugmenter.nearestNeighbours(rows, scale, new Random(4));
        Random random = new Random(5);
        double near = 0;
        double far = 0;
        for (int i = 0; i < rows.length; i++) {
            near += distance(rows[i], rows[neighbour[i]], scale);
            far += distance(rows[i], rows[random.nextInt(rows.length)], scale);
        }
        assertTrue(near < 0.5 * far, "mean distance to the neighbour " + near / rows.length + ", to a random row "
                + far / rows.length);
    }

    private static double distance(float[] a, float[] b, float[] scale) {
        double sum = 0;
        for (int f = 0; f < a.length; f++) {
            sum += Math.pow((a[f] - b[f]) * scale[f], 2);
        }
        return Math.sqrt(sum);
    }

    private static float[] unitScale(int features) {
        float[] scale = new float[features];
        java.util.Arrays.fill(scale, 1f);
        return scale;
    }
}
