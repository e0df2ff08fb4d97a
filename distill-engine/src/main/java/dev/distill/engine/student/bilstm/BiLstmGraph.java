package dev.distill.engine.student.bilstm;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.distill.annotations.Architecture;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxOps;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentLayers;
import dev.distill.onnx.student.StudentSizes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link Architecture#BILSTM}: one bidirectional ONNX {@code LSTM} over the real tokens of each row
 * ({@code sequence_lens}), the max of its states over the real tokens per unit, [fwd, bwd] (BiLSTM-max), then
 * out(relu(fc1(h))).
 *
 * @param sizes      the sizes every student has
 * @param hiddenSize H, the LSTM's units per direction (and the units of {@code fc1})
 */
public record BiLstmGraph(StudentSizes sizes, int hiddenSize) implements StudentGraphWriter {

    /** Where PyTorch's gate blocks (i, f, g, o) go in ONNX's order (i, o, f, c). */
    private static final int[] ONNX_GATE_FROM_PYTORCH = {0, 3, 1, 2};
    private static final String[] DIRECTIONS = {"fwd", "bwd"};

    /** @throws IllegalArgumentException if the hidden size is not positive ({@link StudentSizes#requireHiddenSize}) */
    public BiLstmGraph {
        StudentSizes.requireHiddenSize(hiddenSize);
    }

    @Override
    public Architecture architecture() {
        return Architecture.BILSTM;
    }

    @Override
    public Map<String, long[]> layerTensorShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        long d = sizes.embeddingSize();
        long h = hiddenSize;
        for (String direction : DIRECTIONS) {
            shapes.put("lstm." + direction + ".w_ih", new long[] {4 * h, d});
            shapes.put("lstm." + direction + ".w_hh", new long[] {4 * h, h});
            shapes.put("lstm." + direction + ".b_ih", new long[] {4 * h});
            shapes.put("lstm." + direction + ".b_hh", new long[] {4 * h});
        }
        shapes.put("fc1.w", new long[] {h, 2 * h});
        shapes.put("fc1.b", new long[] {h});
        return shapes;
    }

    @Override
    public long featureSize() {
        return hiddenSize;
    }

    @Override
    public String writeFeatures(StudentLayers layers) {
        OnnxGraph graph = layers.graph();
        OnnxOps ops = layers.ops();
        int h = hiddenSize;
        int d = sizes.embeddingSize();
        // ONNX's LSTM reads [sequence, batch, input] (DynamicQuantizeLSTM has no batch-first layout).
        String timeMajor = graph.node("Transpose").inputs(layers.embedded()).attrInts("perm", 1, 0, 2).output("time_major");
        String lengths = ops.cast(ops.reduceSum(layers.maskFloat(), false, "length", 1), DataType.INT32, "sequence_lens");
        String w = layers.derived("lstm.W", stackDirections(layers, "w_ih", h, d), 2, 4L * h, d);
        String r = layers.derived("lstm.R", stackDirections(layers, "w_hh", h, h), 2, 4L * h, h);
        String b = layers.derived("lstm.B", biases(layers, h), 2, 8L * h);
        String states = graph.node("LSTM")
                .inputs(timeMajor, w, r, b, lengths)
                .attrString("direction", "bidirectional")
                .attrInt("hidden_size", h)
                .outputs("lstm_states").get(0);
        // Y [sequence, 2, batch, H] -> [batch, sequence, 2, H] -> [batch, sequence, 2H] = (h_fwd[t], h_bwd[t]); ONNX
        // Runtime writes zeros past each row's length, which the max leaves out like any padded position.
        String batchMajor = graph.node("Transpose").inputs(states).attrInts("perm", 2, 0, 1, 3).output("states_batch");
        String perToken = graph.node("Reshape")
                .inputs(batchMajor, graph.longs("states_shape", new long[] {0, 0, 2L * h}, 3))
                .output("token_states");
        String concatenated = layers.maxOverRealTokens(perToken, "bilstm_features");
        return layers.relu(layers.linear(concatenated, "fc1"));
    }

    /** [fwd; bwd] of a PyTorch weight [4H, cols], gate blocks reordered for ONNX. */
    private static float[] stackDirections(StudentLayers layers, String weight, int h, int cols) {
        float[] stacked = new float[2 * 4 * h * cols];
        for (int direction = 0; direction < 2; direction++) {
            float[] pytorch = layers.tensor("lstm." + DIRECTIONS[direction] + "." + weight).data();
            float[] onnx = reorderGates(pytorch, h * cols);
            System.arraycopy(onnx, 0, stacked, direction * onnx.length, onnx.length);
        }
        return stacked;
    }

    /** Per direction [Wb, Rb], each gate-reordered: [2, 8H]. */
    private static float[] biases(StudentLayers layers, int h) {
        float[] stacked = new float[2 * 8 * h];
        for (int direction = 0; direction < 2; direction++) {
            String prefix = "lstm." + DIRECTIONS[direction] + ".";
            float[] input = reorderGates(layers.tensor(prefix + "b_ih").data(), h);
            float[] recurrent = reorderGates(layers.tensor(prefix + "b_hh").data(), h);
            System.arraycopy(input, 0, stacked, direction * 8 * h, 4 * h);
            System.arraycopy(recurrent, 0, stacked, direction * 8 * h + 4 * h, 4 * h);
        }
        return stacked;
    }

    /** Moves the four gate blocks of {@code blockSize} values each from PyTorch's order to ONNX's. */
    static float[] reorderGates(float[] pytorch, int blockSize) {
        float[] onnx = new float[pytorch.length];
        for (int onnxGate = 0; onnxGate < 4; onnxGate++) {
            System.arraycopy(pytorch, ONNX_GATE_FROM_PYTORCH[onnxGate] * blockSize, onnx, onnxGate * blockSize, blockSize);
        }
        return onnx;
    }
}
