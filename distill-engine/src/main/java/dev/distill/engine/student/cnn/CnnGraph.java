package dev.distill.engine.student.cnn;

import dev.distill.annotations.Architecture;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxOps;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentLayers;
import dev.distill.onnx.student.StudentSizes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link Architecture#CNN}, Kim's CNN: masked embeddings, kmax - 1 zero vectors appended, one ReLU Conv1d per
 * kernel size, max over the valid windows, concatenation, a linear layer.
 *
 * @param sizes       the sizes every student has
 * @param filters     H, the filters of each convolution
 * @param kernelSizes the convolution widths in order, one convolution each ({@code conv{k}.w}, {@code conv{k}.b})
 */
public record CnnGraph(StudentSizes sizes, int filters, int[] kernelSizes) implements StudentGraphWriter {

    /** @throws IllegalArgumentException if there is no kernel size, one is not positive, or one repeats */
    public CnnGraph {
        StudentSizes.requirePositive("filters", filters);
        kernelSizes = kernelSizes == null ? new int[0] : kernelSizes.clone();
        if (kernelSizes.length == 0) {
            throw new IllegalArgumentException("kernelSizes: a CNN student needs at least one kernel size");
        }
        for (int k : kernelSizes) {
            StudentSizes.requirePositive("kernelSizes " + Arrays.toString(kernelSizes), k);
        }
        if (Arrays.stream(kernelSizes).distinct().count() != kernelSizes.length) {
            throw new IllegalArgumentException("kernelSizes " + Arrays.toString(kernelSizes)
                    + " repeats a size; each size names its tensors conv{k}.w and conv{k}.b");
        }
    }

    @Override
    public int[] kernelSizes() {
        return kernelSizes.clone();
    }

    /** The largest kernel size. */
    public int maxKernelSize() {
        return Arrays.stream(kernelSizes).max().orElseThrow();
    }

    @Override
    public Architecture architecture() {
        return Architecture.CNN;
    }

    @Override
    public Map<String, long[]> layerTensorShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (int k : kernelSizes) {
            shapes.put("conv" + k + ".w", new long[] {filters, sizes.embeddingSize(), k});
            shapes.put("conv" + k + ".b", new long[] {filters});
        }
        return shapes;
    }

    @Override
    public long featureSize() {
        return (long) filters * kernelSizes.length;
    }

    @Override
    public String writeFeatures(StudentLayers layers) {
        OnnxGraph graph = layers.graph();
        OnnxOps ops = layers.ops();
        int extra = maxKernelSize() - 1;
        // Conv wants [batch, channels, time].
        String x = graph.node("Transpose").inputs(layers.maskedEmbedded()).attrInts("perm", 0, 2, 1).output("channels_first");
        // Window t is valid when its last token t+k-1 is real, i.e. mask[t+k-1] = 1 on the mask padded like x.
        String paddedMask = graph.node("Pad")
                .inputs(layers.maskFloat(), graph.longs("mask_pads", new long[] {0, 0, 0, extra}, 4))
                .output("padded_mask");
        String[] features = new String[kernelSizes.length];
        int index = 0;
        for (int k : kernelSizes) {
            String conv = graph.node("Conv")
                    .inputs(x, layers.weight("conv" + k + ".w"), layers.weight("conv" + k + ".b"))
                    .attrInts("kernel_shape", k)
                    .attrInts("pads", 0, extra)
                    .output("conv" + k);
            String activated = layers.relu(conv);
            String valid = graph.node("Slice")
                    .inputs(paddedMask, graph.longs("valid_start", new long[] {k - 1}, 1),
                            graph.longs("valid_end", new long[] {Long.MAX_VALUE}, 1),
                            graph.longs("valid_axis", new long[] {1}, 1))
                    .output("valid" + k);
            String masked = ops.binary("Mul", activated, ops.unsqueeze(valid, "valid3_" + k, 1), "valid_conv" + k);
            String pooled = ops.reduceMax(masked, false, "max_conv" + k, 2);
            // The first window always counts, even when the text is shorter than k (spec: t < max(len-k+1, 1)).
            String first = graph.node("Gather").inputs(activated, graph.longs("first_window", new long[] {0}))
                    .attrInt("axis", 2).output("first_window" + k);
            features[index++] = ops.binary("Max", pooled, first, "feature" + k);
        }
        String concatenated = features.length == 1 ? features[0]
                : graph.node("Concat").inputs(features).attrInt("axis", 1).output("features");
        return concatenated;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CnnGraph cnn && sizes.equals(cnn.sizes) && filters == cnn.filters
                && Arrays.equals(kernelSizes, cnn.kernelSizes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sizes, filters) * 31 + Arrays.hashCode(kernelSizes);
    }

    @Override
    public String toString() {
        return "CnnGraph[" + sizes + ", filters=" + filters + ", kernelSizes=" + Arrays.toString(kernelSizes) + "]";
    }
}
