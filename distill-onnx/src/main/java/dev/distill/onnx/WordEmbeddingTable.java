package dev.distill.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
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
 * {@code Cast} and {@code Identity} nodes) to a {@code Gather} whose data is a rank-2 initializer. It is read as a
 * {@link GatheredTable}: a quantized table (int8 or uint8, as in langchain4j's encoders) is dequantized with the
 * {@code DequantizeLinear} that reads the {@code Gather}'s output (one scale and zero point, or one per column).
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
        GatheredTable.Read read = GatheredTable.read(graph, best, initializers);
        return read.table()
                .map(table -> found(new WordEmbeddingTable(table.initializer(), table.rows(), table.width(),
                        table.values(), table.quantized())))
                .orElseGet(() -> missing(read.reason()));
    }

    /** The table as a {@link GatheredTable}, the form in which a model's other lookup tables are read. */
    public GatheredTable asGatheredTable() {
        return new GatheredTable(initializer, vocabularySize, width, values, quantized);
    }

    private static Lookup found(WordEmbeddingTable table) {
        return new Lookup(Optional.of(table), "");
    }

    private static Lookup missing(String reason) {
        return new Lookup(Optional.empty(), reason);
    }
}
