package dev.distill.engine.data;

import dev.distill.runtime.image.ImagePreprocessing;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Images in the IDX format of MNIST and Fashion-MNIST ({@code train-images-idx3-ubyte[.gz]}: magic 2051, count,
 * rows, columns, then one unsigned byte per grayscale pixel), with their labels in the file beside it whose name has
 * {@code labels-idx1} for {@code images-idx3} (magic 2049, count, one byte per image). The labels are class ids, read
 * as the teacher's ids (Fashion-MNIST's 0-9 are its teacher's). Each image goes through the teacher's preprocessing
 * as a decoded 8-bit grayscale image would, so a row equals the one read from the same image saved as PNG.
 */
final class IdxImages {

    private static final int IMAGES_MAGIC = 2051;
    private static final int LABELS_MAGIC = 2049;

    private IdxImages() {
    }

    /** Whether {@code source} is named as an IDX image file ({@code ...images-idx3-ubyte}, optionally gzipped). */
    static boolean isIdx(Path source) {
        String name = source.getFileName().toString();
        return name.endsWith("-idx3-ubyte") || name.endsWith("-idx3-ubyte.gz");
    }

    /**
     * @param classes the teacher's number of classes: a label must be below it
     * @throws IllegalArgumentException naming the file, and the image where it matters, that does not fit
     */
    static TabularRows read(Path images, int classes, ImagePreprocessing preprocessing) {
        Path labels = labelsBeside(images);
        if (preprocessing.channels() != 1) {
            throw new IllegalArgumentException(images + " holds grayscale images but the teacher reads "
                    + preprocessing.channels() + " channels (" + ImagePreprocessing.FILE + "): give RGB image files");
        }
        try (DataInputStream pixelsIn = open(images); DataInputStream labelsIn = open(labels)) {
            int count = header(pixelsIn, images, IMAGES_MAGIC);
            int rows = pixelsIn.readInt();
            int columns = pixelsIn.readInt();
            int labelCount = header(labelsIn, labels, LABELS_MAGIC);
            if (labelCount != count) {
                throw new IllegalArgumentException(images + " holds " + count + " images but " + labels + " "
                        + labelCount + " labels: give the two files of one set");
            }
            if (rows != preprocessing.height() || columns != preprocessing.width()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s holds %dx%d images but the teacher"
                        + " reads %dx%d (%s)", images, columns, rows, preprocessing.width(), preprocessing.height(),
                        ImagePreprocessing.FILE));
            }
            float[][] pixels = new float[count][];
            int[] ids = new int[count];
            String[] locations = new String[count];
            byte[] raw = new byte[rows * columns];
            for (int i = 0; i < count; i++) {
                pixelsIn.readFully(raw);
                BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
                image.getRaster().setDataElements(0, 0, columns, rows, raw);
                locations[i] = images.getFileName() + "#" + i;
                pixels[i] = preprocessing.pixels(image, locations[i]);
                ids[i] = labelsIn.readUnsignedByte();
                if (ids[i] >= classes) {
                    throw new IllegalArgumentException(labels + ": the label of image " + i + " is " + ids[i]
                            + " but the teacher has " + classes + " classes (ids 0-" + (classes - 1) + ")");
                }
            }
            return new TabularRows(pixels, ids, locations);
        } catch (EOFException e) {
            throw new IllegalArgumentException(images + " or " + labels + " ends before the count its header gives:"
                    + " the file is cut short; download it again", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + images + " or " + labels + ": " + e.getMessage(), e);
        }
    }

    private static Path labelsBeside(Path images) {
        String name = images.getFileName().toString();
        if (!name.contains("images-idx3")) {
            throw new IllegalArgumentException(images + ": an IDX image file's name has images-idx3 (as"
                    + " train-images-idx3-ubyte.gz), so that its labels' file (labels-idx1) can be found beside it");
        }
        Path labels = images.resolveSibling(name.replace("images-idx3", "labels-idx1"));
        if (!Files.isRegularFile(labels)) {
            throw new IllegalArgumentException(images + " needs its labels beside it, in " + labels
                    + ", which does not exist");
        }
        return labels;
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return new DataInputStream(file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16)
                : in);
    }

    private static int header(DataInputStream in, Path file, int magic) throws IOException {
        int found = in.readInt();
        if (found != magic) {
            throw new IllegalArgumentException(file + " starts with " + found + ", not the IDX magic number " + magic
                    + " of " + (magic == IMAGES_MAGIC ? "images" : "labels") + ": is it the right file?");
        }
        int count = in.readInt();
        if (count < 1) {
            throw new IllegalArgumentException(file + " says it holds " + count + " items");
        }
        return count;
    }
}
