package dev.distill.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.runtime.ModelConfig;
import dev.distill.runtime.data.ImageFolderReader;
import dev.distill.runtime.data.LabeledImage;
import dev.distill.runtime.image.ImagePreprocessing;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MNIST's IDX files as an image build's data: the committed Fashion-MNIST test PNGs written as IDX files (gzipped
 * and not) read back as the same rows and labels as the class folders, and every way the pair can be wrong named.
 */
class IdxImagesTest {

    @TempDir
    static Path dir;

    private static ImagePreprocessing preprocessing;
    private static Map<String, Integer> label2id;
    private static List<LabeledImage> images;
    private static byte[][] raw;

    @BeforeAll
    static void readThePngs() throws IOException {
        Path teacher = EngineFixtures.testdata().resolve("fashion-mnist/teacher");
        preprocessing = ImagePreprocessing.read(teacher.resolve(ImagePreprocessing.FILE));
        label2id = ModelConfig.read(teacher.resolve("config.json")).label2id();
        images = ImageFolderReader.read(EngineFixtures.testdata().resolve("fashion-mnist/test"), label2id, "label");
        raw = new byte[images.size()][];
        for (int i = 0; i < raw.length; i++) {
            BufferedImage image = ImageIO.read(images.get(i).file().toFile());
            raw[i] = new byte[28 * 28];
            image.getRaster().getDataElements(0, 0, 28, 28, raw[i]);
        }
    }

    @Test
    void idxFilesGiveTheRowsAndLabelsOfTheSameImagesAsPngs() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path folder = Files.createDirectories(dir.resolve("same-" + gzip));
            Path file = write(folder, gzip, 2051, raw.length, 28, labels());
            assertTrue(IdxImages.isIdx(file));
            TabularRows rows = IdxImages.read(file, label2id.size(), preprocessing);
            assertEquals(images.size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertArrayEquals(preprocessing.pixels(images.get(i).file()), rows.features()[i], 0f,
                        images.get(i).file().toString());
                assertEquals(images.get(i).label(), rows.labels()[i]);
            }
            assertEquals(file.getFileName() + "#3", rows.locations()[3]);
        }
        assertFalse(IdxImages.isIdx(Path.of("train.csv")));
    }

    @Test
    void aWrongPairIsNamedWithTheFix() throws IOException {
        Path noLabels = Files.createDirectories(dir.resolve("no-labels")).resolve("train-images-idx3-ubyte");
        Files.write(noLabels, new byte[16]);
        assertMessage(noLabels, "needs its labels beside it, in " + noLabels.resolveSibling("train-labels-idx1-ubyte"));

        Path magic = write(Files.createDirectories(dir.resolve("magic")), false, 2049, raw.length, 28, labels());
        assertMessage(magic, "starts with 2049, not the IDX magic number 2051 of images");

        Path size = write(Files.createDirectories(dir.resolve("size")), false, 2051, raw.length, 27, labels());
        assertMessage(size, "holds 27x27 images but the teacher reads 28x28");

        Path count = write(Files.createDirectories(dir.resolve("count")), false, 2051, raw.length, 28,
                Arrays.copyOf(labels(), raw.length - 1));
        assertMessage(count, "holds " + raw.length + " images but");

        byte[] bad = labels();
        bad[5] = 10;
        Path label = write(Files.createDirectories(dir.resolve("label")), false, 2051, raw.length, 28, bad);
        assertMessage(label, "the label of image 5 is 10 but the teacher has 10 classes (ids 0-9)");

        Path cut = write(Files.createDirectories(dir.resolve("cut")), false, 2051, raw.length + 1, 28,
                Arrays.copyOf(labels(), raw.length + 1));
        assertMessage(cut, "ends before the count its header gives");
    }

    private static void assertMessage(Path file, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdxImages.read(file, label2id.size(), preprocessing));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static byte[] labels() {
        byte[] labels = new byte[images.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) images.get(i).label();
        }
        return labels;
    }

    /** Writes {@code t10k-images-idx3-ubyte[.gz]} (side x side images: the PNGs, cropped) and its labels. */
    private static Path write(Path folder, boolean gzip, int magic, int count, int side, byte[] labels)
            throws IOException {
        String suffix = gzip ? ".gz" : "";
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(pixels)) {
            out.writeInt(magic);
            out.writeInt(count);
            out.writeInt(side);
            out.writeInt(side);
            for (byte[] image : raw) {
                for (int y = 0; y < side; y++) {
                    out.write(image, y * 28, side);
                }
            }
        }
        ByteArrayOutputStream labelBytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(labelBytes)) {
            out.writeInt(2049);
            out.writeInt(labels.length);
            out.write(labels);
        }
        Path images = folder.resolve("t10k-images-idx3-ubyte" + suffix);
        save(images, pixels.toByteArray(), gzip);
        save(folder.resolve("t10k-labels-idx1-ubyte" + suffix), labelBytes.toByteArray(), gzip);
        return images;
    }

    private static void save(Path file, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
    }
}
