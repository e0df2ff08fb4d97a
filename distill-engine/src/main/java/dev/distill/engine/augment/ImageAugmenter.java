package dev.distill.engine.augment;

import dev.distill.engine.train.RowAugmentation;
import dev.distill.runtime.image.ImagePreprocessing;
import java.util.Random;

/**
 * The standard training augmentation for small images: a random crop with padding (the image shifted by up to
 * {@code padding} pixels each way, the uncovered border filled with black, as torchvision's
 * {@code RandomCrop(size, padding)} fills it before normalisation) and, when asked, a horizontal flip with
 * probability 1/2. It acts on preprocessed images (channel-major {@code pixel_values}), so black is each channel's
 * preprocessed 0 ({@link ImagePreprocessing#black}).
 *
 * <p>The flip suits Fashion-MNIST's clothes (a shirt mirrored is a shirt) and its teacher was trained with it; all
 * its shoes face left, so a flipped shoe is a view the test set never shows: harmless for the class, but it spends
 * some capacity. Data whose classes depend on left and right (digits, text) must not be flipped.
 */
public final class ImageAugmenter implements RowAugmentation {
    private final int channels;
    private final int height;
    private final int width;
    private final int padding;
    private final boolean flip;
    private final float[] black;

    /**
     * @param padding pixels each way the crop may shift (0: no crop)
     * @param flip whether half of the images are mirrored left to right
     */
    public ImageAugmenter(ImagePreprocessing preprocessing, int padding, boolean flip) {
        if (padding < 0) {
            throw new IllegalArgumentException("the crop padding is " + padding + "; expected 0 or more pixels");
        }
        this.channels = preprocessing.channels();
        this.height = preprocessing.height();
        this.width = preprocessing.width();
        this.padding = padding;
        this.flip = flip;
        this.black = new float[channels];
        for (int c = 0; c < channels; c++) {
            black[c] = preprocessing.black(c);
        }
    }

    @Override
    public float[][] apply(float[][] rows, Random random) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            int dy = padding == 0 ? 0 : random.nextInt(2 * padding + 1) - padding;
            int dx = padding == 0 ? 0 : random.nextInt(2 * padding + 1) - padding;
            boolean mirrored = flip && random.nextBoolean();
            out[i] = view(rows[i], dy, dx, mirrored);
        }
        return out;
    }

    /**
     * One view of an image: pixel (y, x) of the view is pixel (y + dy, x' + dx) of the image, x' = x or, mirrored,
     * width - 1 - x; black outside the image.
     */
    public float[] view(float[] image, int dy, int dx, boolean mirrored) {
        float[] view = new float[image.length];
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                int sy = y + dy;
                for (int x = 0; x < width; x++) {
                    int sx = (mirrored ? width - 1 - x : x) + dx;
                    view[c * plane + y * width + x] = sy < 0 || sy >= height || sx < 0 || sx >= width ? black[c]
                            : image[c * plane + sy * width + sx];
                }
            }
        }
        return view;
    }
}
