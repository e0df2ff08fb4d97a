package dev.distill.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A text model's word-embedding table: the {@code [vocabulary, width]} initializer that the {@code Gather} on
 * {@code input_ids} reads, as floats.
 *
 * <p>Found by following the graph, not by initializer names, which differ between exports ({@code word.weight},
 * {@code embeddings.word_embeddings.weight_quantized}, ...): from the {@code input_ids} input (through value-keeping
 * {@code Cast} and {@code Identity} nodes) to a {@code Gather} whose data is a rank-2 initializer. A quantized table
 * (int8 or uint8, as in langchain4j's encoders) is dequantized with the {@code DequantizeLinear} that reads the
 * {@code Gather}'s output (one scale and zero point, or one per column).
 *
 * @param initializer the initializer's name in the graph
 * @param vocabularySize rows: one per token id
 * @param width columns: the model's hidden width
 * @param values row-major, {@code vocabularySize * width}
 * @param quantized whether the table was stored as 8-bit integers (and dequantized here)
 */
public record WordEmbeddingTable(String initializer, int vocabularySize, int width, float[] values,
        boolean quantized) {

    /** The input the table is looked up from. */
    public static final String INPUT_IDS = "input_ids";

    /** The outcome of a look-up: the table, or why there is none. */
    public record Lookup(Optional<WordEmbeddingTable> table, String reason) {
        /**
         * The table, or an error that names the model and what was looked for.
         *
         * @param model what to call the model in the message (its path)
         * @throws IllegalArgumentException when there is no table
         */
        public WordEmbeddingTable orElseThrow(String model) {
            return table.orElseThrow(() -> new IllegalArgumentException(problem(model)));
        }

        /**
         * Why there is no table, naming the model and what was looked for.
         *
         * @param model what to call the model (its path)
         */
        public String problem(String model) {
            return model + " has no word-embedding table that distill can read: it looked for a Gather on '"
                    + INPUT_IDS + "' whose data is a [vocabulary, width] initializer (float, or int8/uint8 with a"
                    + " DequantizeLinear), and " + reason;
        }
    }

    /** One token's row. */
    public float[] row(int tokenId) {
        float[] row = new float[width];
        System.arraycopy(values, tokenId * width, row, 0, width);
        return row;
    }

    /**
     * Looks for the table.
     *
     * @param model the text model
     * @return the table, or the reason it was not found
     */
    public static Lookup find(ModelProto model) {
        GraphProto graph = model.getGraph();
        if (graph.getInputList().stream().noneMatch(input -> input.getName().equals(INPUT_IDS))) {
            return missing("the graph has no '" + INPUT_IDS + "' input");
        }
        Map<String, TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(tensor -> initializers.put(tensor.getName(), tensor));
        Set<String> ids = new HashSet<>(List.of(INPUT_IDS));
        NodeProto best = null;
        for (NodeProto node : graph.getNodeList()) {
            if ((node.getOpType().equals("Cast") || node.getOpType().equals("Identity"))
                    && ids.contains(OnnxNodes.input(node, 0))) {
                ids.addAll(node.getOutputList());
            }
            if (node.getOpType().equals("Gather") && node.getInputCount() == 2 && ids.contains(node.getInput(1))
                    && OnnxNodes.intAttribute(node, "axis", 0) == 0) {
                TensorProto data = initializers.get(node.getInput(0));
                if (data != null && data.getDimsCount() == 2 && (best == null
                        || data.getDims(0) > initializers.get(best.getInput(0)).getDims(0))) {
                    best = node;
                }
            }
        }
        if (best == null) {
            return missing("no Gather reads '" + INPUT_IDS + "' from a rank-2 initializer");
        }
        TensorProto data = initializers.get(best.getInput(0));
        int rows = Math.toIntExact(data.getDims(0));
        int width = Math.toIntExact(data.getDims(1));
        return switch (DataType.forNumber(data.getDataType())) {
            case FLOAT -> found(new WordEmbeddingTable(data.getName(), rows, width, OnnxTensors.toFloats(data), false));
            case INT8, UINT8 -> dequantized(graph, best, data, initializers, rows, width);
            default -> missing("its table " + data.getName() + " is stored as "
                    + DataType.forNumber(data.getDataType()) + ", which distill does not read");
        };
    }

    private static Lookup dequantized(GraphProto graph, NodeProto gather, TensorProto data,
            Map<String, TensorProto> initializers, int rows, int width) {
        String gathered = gather.getOutput(0);
        Optional<NodeProto> dequantize = graph.getNodeList().stream()
                .filter(node -> node.getOpType().equals("DequantizeLinear") && gathered.equals(OnnxNodes.input(node, 0)))
                .findFirst();
        if (dequantize.isEmpty()) {
            return missing("its table " + data.getName() + " is 8-bit, but no DequantizeLinear reads the Gather's"
                    + " output, so its scale is unknown");
        }
        TensorProto scale = initializers.get(OnnxNodes.input(dequantize.get(), 1));
        String zeroName = OnnxNodes.input(dequantize.get(), 2);
        TensorProto zero = zeroName.isEmpty() ? null : initializers.get(zeroName);
        if (scale == null || (!zeroName.isEmpty() && zero == null)) {
            return missing("the DequantizeLinear of its table " + data.getName() + " takes its scale or zero point"
                    + " from a computed value, not an initializer");
        }
        float[] scales = OnnxTensors.toFloats(scale);
        int[] zeros = zero == null ? new int[] {0} : integers(zero);
        if ((scales.length != 1 && scales.length != width) || (zeros.length != 1 && zeros.length != width)) {
            return missing("the DequantizeLinear of its table " + data.getName() + " has " + scales.length
                    + " scales; distill reads one, or one per column (" + width + ")");
        }
        int[] quantized = integers(data);
        float[] values = new float[quantized.length];
        for (int i = 0; i < values.length; i++) {
            int column = i % width;
            values[i] = (quantized[i] - zeros[zeros.length == 1 ? 0 : column])
                    * scales[scales.length == 1 ? 0 : column];
        }
        return found(new WordEmbeddingTable(data.getName(), rows, width, values, true));
    }

    /** An int8 or uint8 tensor's values as ints. */
    private static int[] integers(TensorProto tensor) {
        boolean unsigned = tensor.getDataType() == DataType.UINT8_VALUE;
        if (!unsigned && tensor.getDataType() != DataType.INT8_VALUE) {
            throw new IllegalArgumentException(tensor.getName() + " is not int8 or uint8");
        }
        if (!tensor.getRawData().isEmpty()) {
            ByteBuffer bytes = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            int[] out = new int[bytes.remaining()];
            for (int i = 0; i < out.length; i++) {
                byte b = bytes.get(i);
                out[i] = unsigned ? b & 0xFF : b;
            }
            return out;
        }
        // int32_data holds one 8-bit value per element when raw_data is not used.
        return tensor.getInt32DataList().stream().mapToInt(Integer::intValue).toArray();
    }

    private static Lookup found(WordEmbeddingTable table) {
        return new Lookup(Optional.of(table), "");
    }

    private static Lookup missing(String reason) {
        return new Lookup(Optional.empty(), reason);
    }
}
