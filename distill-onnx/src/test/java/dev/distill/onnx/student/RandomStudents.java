package dev.distill.onnx.student;

import java.util.Map;
import java.util.Random;

/**
 * Test fixtures: seeded random weights for a student's tensors and random token batches. The students themselves are
 * the engine's; distill-onnx's own tests use {@link MeanEmbeddingGraph}.
 */
public final class RandomStudents {

    /** The rows of {@link MeanEmbeddingGraph#small()}'s embedding table, which the random batches' ids are below. */
    public static final int VOCABULARY = 500;

    private RandomStudents() {
    }

    /** Weights for {@code shape}: embeddings ~ N(0, 1), the rest ~ N(0, 1/fan_in) like a trained net's scale. */
    public static StudentWeights weights(StudentGraphWriter shape, long seed) {
        Random random = new Random(seed);
        StudentWeights weights = new StudentWeights();
        for (Map.Entry<String, long[]> entry : shape.tensorShapes().entrySet()) {
            long[] dims = entry.getValue();
            int count = Math.toIntExact(java.util.Arrays.stream(dims).reduce(1, Math::multiplyExact));
            double scale = entry.getKey().equals("embedding") ? 1.0 : 1.0 / Math.sqrt(fanIn(dims));
            float[] data = new float[count];
            for (int i = 0; i < count; i++) {
                data[i] = (float) (random.nextGaussian() * scale);
            }
            weights.put(Tensor.of(entry.getKey(), data, dims));
        }
        return weights;
    }

    /**
     * Like {@link #weights}, but the rows (output units) of every matrix differ in magnitude by up to 30x,
     * as after training; per-row quantization must keep each row's own scale.
     */
    public static StudentWeights unevenWeights(StudentGraphWriter shape, long seed) {
        StudentWeights uneven = new StudentWeights();
        for (Tensor tensor : weights(shape, seed).tensors().values()) {
            float[] data = tensor.data().clone();
            if (tensor.shape().length >= 2) {
                int rows = (int) tensor.dim(0);
                int rowSize = data.length / rows;
                for (int r = 0; r < rows; r++) {
                    float factor = 0.1f + 2.9f * ((r * 37) % 29) / 28f;
                    for (int i = r * rowSize; i < (r + 1) * rowSize; i++) {
                        data[i] *= factor;
                    }
                }
            }
            uneven.put(Tensor.of(tensor.name(), data, tensor.shape()));
        }
        return uneven;
    }

    /** Rows of random ids with the given lengths, padded at the end to {@code width} with random ids (mask 0). */
    public static long[][][] batch(int[] lengths, int width, long seed) {
        Random random = new Random(seed);
        long[][] ids = new long[lengths.length][width];
        long[][] mask = new long[lengths.length][width];
        for (int row = 0; row < lengths.length; row++) {
            for (int t = 0; t < width; t++) {
                ids[row][t] = random.nextInt(VOCABULARY);
                mask[row][t] = t < lengths[row] ? 1 : 0;
            }
        }
        return new long[][][] {ids, mask};
    }

    /** {@code rows} random lengths in [1, maxLength]. */
    public static int[] lengths(int rows, int maxLength, long seed) {
        Random random = new Random(seed);
        int[] lengths = new int[rows];
        for (int i = 0; i < rows; i++) {
            lengths[i] = 1 + random.nextInt(maxLength);
        }
        return lengths;
    }

    private static long fanIn(long[] dims) {
        if (dims.length == 1) {
            return dims[0];
        }
        long fanIn = 1;
        for (int i = 1; i < dims.length; i++) {
            fanIn *= dims[i];
        }
        return fanIn;
    }
}
