package dev.distill.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;

import java.util.Map;
import java.util.Optional;

/**
 * A {@code [rows, width]} lookup table that a {@code Gather} reads from an initializer, as floats: a text model's
 * word, position or token-type embeddings.
 *
 * <p>A quantized table (int8 or uint8, as in langchain4j's encoders) is dequantized with the
 * {@code DequantizeLinear} that reads the {@code Gather}'s output (one scale and zero point, or one per column),
 * which is how ONNX Runtime computes the rows.
 *
 * @param initializer the initializer's name in the graph
 * @param rows one per id
 * @param width columns
 * @param values row-major, {@code rows * width}
 * @param quantized whether the table was stored as 8-bit integers (and dequantized here)
 */
public record GatheredTable(String initializer, int rows, int width, float[] values, boolean quantized) {

    /** The outcome of reading: the table, or why it cannot be read. */
    public record Read(Optional<GatheredTable> table, String reason) {
        static Read found(GatheredTable table) {
            return new Read(Optional.of(table), "");
        }

        static Read missing(String reason) {
            return new Read(Optional.empty(), reason);
        }
    }

    /** One id's row. */
    public float[] row(int id) {
        float[] row = new float[width];
        System.arraycopy(values, id * width, row, 0, width);
        return row;
    }

    /**
     * Reads the table that {@code gather} looks rows up from.
     *
     * @param graph the graph the node belongs to
     * @param gather a {@code Gather} node (axis 0)
     * @param initializers the graph's initializers by name
     * @return the table, or the reason it cannot be read (phrased to follow "and ...")
     */
    public static Read read(GraphProto graph, NodeProto gather, Map<String, TensorProto> initializers) {
        TensorProto data = initializers.get(gather.getInput(0));
        if (data == null || data.getDimsCount() != 2) {
            return Read.missing("the Gather '" + gather.getName() + "' does not read a rank-2 initializer");
        }
        int rows = Math.toIntExact(data.getDims(0));
        int width = Math.toIntExact(data.getDims(1));
        return switch (DataType.forNumber(data.getDataType())) {
            case FLOAT -> Read.found(new GatheredTable(data.getName(), rows, width, OnnxTensors.toFloats(data), false));
            case INT8, UINT8 -> dequantized(graph, gather, data, initializers, rows, width);
            default -> Read.missing("its table " + data.getName() + " is stored as "
                    + DataType.forNumber(data.getDataType()) + ", which distill does not read");
        };
    }

    private static Read dequantized(GraphProto graph, NodeProto gather, TensorProto data,
            Map<String, TensorProto> initializers, int rows, int width) {
        String gathered = gather.getOutput(0);
        Optional<NodeProto> dequantize = graph.getNodeList().stream()
                .filter(node -> node.getOpType().equals("DequantizeLinear")
                        && gathered.equals(OnnxNodes.input(node, 0)))
                .findFirst();
        if (dequantize.isEmpty()) {
            return Read.missing("its table " + data.getName() + " is 8-bit, but no DequantizeLinear reads the"
                    + " Gather's output, so its scale is unknown");
        }
        TensorProto scale = initializers.get(OnnxNodes.input(dequantize.get(), 1));
        String zeroName = OnnxNodes.input(dequantize.get(), 2);
        TensorProto zero = zeroName.isEmpty() ? null : initializers.get(zeroName);
        if (scale == null || (!zeroName.isEmpty() && zero == null)) {
            return Read.missing("the DequantizeLinear of its table " + data.getName() + " takes its scale or zero"
                    + " point from a computed value, not an initializer");
        }
        float[] scales = OnnxTensors.toFloats(scale);
        int[] zeros = zero == null ? new int[] {0} : OnnxTensors.toIntegers(zero);
        if ((scales.length != 1 && scales.length != width) || (zeros.length != 1 && zeros.length != width)) {
            return Read.missing("the DequantizeLinear of its table " + data.getName() + " has " + scales.length
                    + " scales; distill reads one, or one per column (" + width + ")");
        }
        // Axis 1: one scale per column, the table's width.
        float[] values = Dequantize.values(OnnxTensors.toIntegers(data), new long[] {rows, width}, scales, zeros, 1);
        return Read.found(new GatheredTable(data.getName(), rows, width, values, true));
    }
}
