package dev.distill.engine.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.runtime.image.ImagePreprocessing;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The crop and flip on a 3 x 4 grayscale image whose pixels are their own index. */
class ImageAugmenterTest {

    private static final ImagePreprocessing GRAY = new ImagePreprocessing(1, 3, 4, 1f / 255, new float[] {0.5f},
            new float[] {0.25f});
    private static final float BLACK = -2f; // (0 - 0.5) / 0.25

    private static float[] image() {
        float[] image = new float[12];
        for (int i = 0; i < image.length; i++) {
            image[i] = i;
        }
        return image;
    }

    @Test
    void aShiftFillsTheUncoveredBorderWithPreprocessedBlackAndAFlipMirrorsEachRow() {
        ImageAugmenter augmenter = new ImageAugmenter(GRAY, 2, true);
        assertEquals(BLACK, GRAY.black(0));
        assertArrayEquals(image(), augmenter.view(image(), 0, 0, false));
        // dy = 1, dx = -1: view (y, x) = image (y + 1, x - 1)
        assertArrayEquals(new float[] {BLACK, 4, 5, 6, BLACK, 8, 9, 10, BLACK, BLACK, BLACK, BLACK},
                augmenter.view(image(), 1, -1, false));
        assertArrayEquals(new float[] {3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8}, augmenter.view(image(), 0, 0, true));
    }

    @Test
    void viewsAreDrawnWithTheGivenRandomAndLeaveTheInputAlone() {
        ImageAugmenter augmenter = new ImageAugmenter(GRAY, 1, true);
        float[][] rows = new float[200][];
        Arrays.fill(rows, image());
        float[][] a = augmenter.apply(rows, new Random(5));
        float[][] b = augmenter.apply(rows, new Random(5));
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < rows.length; i++) {
            assertArrayEquals(a[i], b[i]);
            distinct.add(Arrays.toString(a[i]));
        }
        assertArrayEquals(image(), rows[0]);
        // 3 x 3 shifts x 2 flips
        assertEquals(18, distinct.size());
        assertNotEquals(Arrays.toString(image()), Arrays.toString(new ImageAugmenter(GRAY, 0, false)
                .view(image(), 0, 0, true)));
        assertTrue(Arrays.equals(image(), new ImageAugmenter(GRAY, 0, false).apply(new float[][] {image()},
                new Random(1))[0]));
    }
}
