package dev.distill.onnx.student;

import dev.distill.annotations.Architecture;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The sizes of a student network (see the student specification shared with the trainer).
 *
 * @param architecture   which network
 * @param vocabularySize V, the teacher tokenizer's vocabulary size
 * @param embeddingSize  d
 * @param hiddenSize     H: LSTM hidden size per direction, CNN filters per kernel size, or the bag's fc1 width
 * @param kernelSizes    the CNN's kernel sizes in order (ignored by the other architectures, may be empty)
 * @param numClasses     C
 */
public record StudentShape(Architecture architecture, int vocabularySize, int embeddingSize, int hiddenSize,
                           int[] kernelSizes, int numClasses) {

    /** @throws IllegalArgumentException naming the first size that is not positive */
    public StudentShape {
        Objects.requireNonNull(architecture, "architecture");
        kernelSizes = kernelSizes == null ? new int[0] : kernelSizes.clone();
        requirePositive("vocabularySize", vocabularySize);
        requirePositive("embeddingSize", embeddingSize);
        requirePositive("hiddenSize", hiddenSize);
        requirePositive("numClasses", numClasses);
        if (architecture == Architecture.CNN) {
            if (kernelSizes.length == 0) {
                throw new IllegalArgumentException("kernelSizes: a CNN student needs at least one kernel size");
            }
            for (int k : kernelSizes) {
                requirePositive("kernelSizes " + Arrays.toString(kernelSizes), k);
            }
            if (Arrays.stream(kernelSizes).distinct().count() != kernelSizes.length) {
                throw new IllegalArgumentException("kernelSizes " + Arrays.toString(kernelSizes)
                        + " repeats a size; each size names its tensors conv{k}.w and conv{k}.b");
            }
        }
    }

    @Override
    public int[] kernelSizes() {
        return kernelSizes.clone();
    }

    /** The largest kernel size (CNN only). */
    public int maxKernelSize() {
        return Arrays.stream(kernelSizes).max().orElseThrow();
    }

    /** Every weight tensor this student has, name to shape, in the specification's order. */
    public Map<String, long[]> tensorShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        long v = vocabularySize;
        long d = embeddingSize;
        long h = hiddenSize;
        long c = numClasses;
        shapes.put("embedding", new long[] {v, d});
        switch (architecture) {
            case BILSTM -> {
                for (String direction : new String[] {"fwd", "bwd"}) {
                    shapes.put("lstm." + direction + ".w_ih", new long[] {4 * h, d});
                    shapes.put("lstm." + direction + ".w_hh", new long[] {4 * h, h});
                    shapes.put("lstm." + direction + ".b_ih", new long[] {4 * h});
                    shapes.put("lstm." + direction + ".b_hh", new long[] {4 * h});
                }
                shapes.put("fc1.w", new long[] {h, 2 * h});
                shapes.put("fc1.b", new long[] {h});
                shapes.put("out.w", new long[] {c, h});
            }
            case CNN -> {
                for (int k : kernelSizes) {
                    shapes.put("conv" + k + ".w", new long[] {h, d, k});
                    shapes.put("conv" + k + ".b", new long[] {h});
                }
                shapes.put("out.w", new long[] {c, h * kernelSizes.length});
            }
            case BAG_OF_EMBEDDINGS -> {
                shapes.put("fc1.w", new long[] {h, d});
                shapes.put("fc1.b", new long[] {h});
                shapes.put("out.w", new long[] {c, h});
            }
        }
        shapes.put("out.b", new long[] {c});
        return shapes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StudentShape s && architecture == s.architecture
                && vocabularySize == s.vocabularySize && embeddingSize == s.embeddingSize
                && hiddenSize == s.hiddenSize && Arrays.equals(kernelSizes, s.kernelSizes)
                && numClasses == s.numClasses;
    }

    @Override
    public int hashCode() {
        return Objects.hash(architecture, vocabularySize, embeddingSize, hiddenSize, numClasses)
                * 31 + Arrays.hashCode(kernelSizes);
    }

    @Override
    public String toString() {
        return "StudentShape[" + architecture + ", V=" + vocabularySize + ", d=" + embeddingSize + ", H="
                + hiddenSize + ", kernelSizes=" + Arrays.toString(kernelSizes) + ", C=" + numClasses + "]";
    }

    private static void requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }
}
