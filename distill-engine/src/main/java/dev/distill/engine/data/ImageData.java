package dev.distill.engine.data;

import dev.distill.runtime.data.ImageFolderReader;
import dev.distill.runtime.data.LabeledImage;
import dev.distill.runtime.image.ImagePreprocessing;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The training and dev images of an image build ({@code @Student(architecture = IMAGE_CNN)}), decoded with DJL's
 * {@code ImageFactory} and preprocessed with the teacher's {@code preprocessor_config.json}, so that teacher and
 * student read the same {@code pixel_values}; each image's class comes from its folder (or CSV label) through the
 * teacher's {@code label2id}, or, for MNIST's IDX files ({@link IdxImages}), is the class id its labels' file gives. The rows are {@link TabularRows} of flat pixels, which the row trainer reads whatever
 * the example is.
 *
 * @param train the training images
 * @param dev the dev images: {@code data.dev}'s, or {@code devFraction} of train held out with the seed
 */
public record ImageData(TabularRows train, TabularRows dev) {

    /**
     * Reads the images of {@code spec}.
     *
     * @throws dev.distill.runtime.data.DataFileException naming the class folder the teacher does not know, or the
     *     CSV line that does not fit
     * @throws IllegalArgumentException naming the image that cannot be decoded or has another size or channels
     */
    public static ImageData read(DataSpec spec, Map<String, Integer> label2id, ImagePreprocessing preprocessing) {
        TabularRows train = rows(spec.train(), label2id, spec.labelColumn(), preprocessing);
        if (spec.dev() != null) {
            return new ImageData(train, rows(spec.dev(), label2id, spec.labelColumn(), preprocessing));
        }
        int[][] split = TabularData.holdOut(train.size(), spec.devFraction(), spec.seed());
        return new ImageData(train.select(split[0]), train.select(split[1]));
    }

    private static TabularRows rows(Path source, Map<String, Integer> label2id, String labelColumn,
            ImagePreprocessing preprocessing) {
        if (IdxImages.isIdx(source)) {
            return IdxImages.read(source, label2id.size(), preprocessing);
        }
        List<LabeledImage> images = ImageFolderReader.read(source, label2id, labelColumn);
        float[][] pixels = new float[images.size()][];
        int[] labels = new int[images.size()];
        String[] locations = new String[images.size()];
        for (int i = 0; i < pixels.length; i++) {
            LabeledImage image = images.get(i);
            pixels[i] = preprocessing.pixels(image.file());
            labels[i] = image.label();
            locations[i] = image.file().toString();
        }
        return new TabularRows(pixels, labels, locations);
    }
}
