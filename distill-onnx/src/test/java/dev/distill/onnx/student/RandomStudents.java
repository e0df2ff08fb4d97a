package dev.distill.onnx.student;

import dev.distill.annotations.Architecture;
import dev.distill.onnx.student.bag.BagOfEmbeddingsGraph;
import dev.distill.onnx.student.bilstm.BiLstmGraph;
import dev.distill.onnx.student.cnn.CnnGraph;
import dev.distill.onnx.student.transformer.TransformerGraph;

import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/** Test fixtures: seeded random student weights of small realistic sizes, and random token batches. */
public final class RandomStudents {

    public static final int VOCABULARY = 500;
    /** The transformer's layers, heads and position rows (above every row width the tests use). */
    private static final int TRANSFORMER_LAYERS = 2;
    private static final int TRANSFORMER_HEADS = 2;
    private static final int TRANSFORMER_MAX_LENGTH = 64;

    private RandomStudents() {
    }

    /**
     * The architectures that read token ids, for the tests whose batches are token ids (padding, lengths, the
     * embedding table, vocabulary pruning); {@code MLP} reads numeric features, and its counterparts of those tests
     * are in {@code student.mlp.MlpGraphTest}.
     */
    public static java.util.stream.Stream<Architecture> textArchitectures() {
        return java.util.Arrays.stream(Architecture.values()).filter(Architecture::readsText);
    }

    /**
     * V=500, d=32, C=3; 24 LSTM units, hidden units, filters or feed-forward units; kernel sizes {2, 3, 5}; a
     * transformer of 2 layers of 2 heads.
     */
    public static StudentGraphWriter smallShape(Architecture architecture) {
        return student(architecture, new StudentSizes(VOCABULARY, 32, 3), 24, new int[] {2, 3, 5});
    }

    /**
     * A student of the given architecture, its own sizes taken from {@code hidden} (LSTM units, hidden units,
     * filters or feed-forward units) and {@code kernelSizes} as {@code @Student} gives them; a new architecture adds
     * itself here.
     */
    public static StudentGraphWriter student(Architecture architecture, StudentSizes sizes, int hidden,
            int[] kernelSizes) {
        // Suppliers, so that sizes one architecture refuses (a width the heads do not divide) fail only for it.
        Map<Architecture, Supplier<StudentGraphWriter>> students = Map.of(
                Architecture.BILSTM, () -> new BiLstmGraph(sizes, hidden),
                Architecture.CNN, () -> new CnnGraph(sizes, hidden, kernelSizes),
                Architecture.BAG_OF_EMBEDDINGS, () -> new BagOfEmbeddingsGraph(sizes, hidden),
                Architecture.TRANSFORMER, () -> new TransformerGraph(sizes, TRANSFORMER_LAYERS, TRANSFORMER_HEADS,
                        hidden, TRANSFORMER_MAX_LENGTH));
        return Optional.ofNullable(students.get(architecture)).map(Supplier::get)
                .orElseThrow(() -> new IllegalArgumentException("RandomStudents.student makes no " + architecture
                        + " student; add one"));
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
