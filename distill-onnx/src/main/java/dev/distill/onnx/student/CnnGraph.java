package dev.distill.onnx.student;

import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxOps;

/**
 * Kim's CNN: masked embeddings, kmax - 1 zero vectors appended, one ReLU Conv1d per kernel size,
 * max over the valid windows, concatenation, a linear layer.
 */
final class CnnGraph implements StudentGraphWriter {

    @Override
    public String writeLogits(StudentLayers layers, StudentShape shape) {
        OnnxGraph graph = layers.graph();
        OnnxOps ops = layers.ops();
        int extra = shape.maxKernelSize() - 1;
        // Conv wants [batch, channels, time].
        String x = graph.node("Transpose").inputs(layers.maskedEmbedded()).attrInts("perm", 0, 2, 1).output("channels_first");
        // Window t is valid when its last token t+k-1 is real, i.e. mask[t+k-1] = 1 on the mask padded like x.
        String paddedMask = graph.node("Pad")
                .inputs(layers.maskFloat(), graph.longs("mask_pads", new long[] {0, 0, 0, extra}, 4))
                .output("padded_mask");
        String[] features = new String[shape.kernelSizes().length];
        int index = 0;
        for (int k : shape.kernelSizes()) {
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
        return layers.linear(concatenated, "out");
    }
}
