package dev.distill.onnx.quantize;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxNodes;
import dev.distill.onnx.OnnxOps;
import dev.distill.onnx.OnnxTensors;

import java.util.List;
import java.util.Optional;

/**
 * An embedding lookup {@code Gather(table, ids)} on a float [V, d] table becomes a Gather on an int8 table,
 * a Cast, and a Mul by the gathered per-row scale. Lookups stay exact up to the rounding of each row.
 */
final class EmbeddingQuantizer implements NodeQuantizer {

    static final String OP = "Gather(int8)*row_scale";

    @Override
    public Optional<List<QuantizationReport.Entry>> rewrite(NodeProto node, OnnxGraph graph) {
        if (!node.getOpType().equals("Gather") || !node.getDomain().isEmpty()
                || OnnxNodes.intAttribute(node, "axis", 0) != 0) {
            return Optional.empty();
        }
        Optional<TensorProto> table = NodeQuantizer.floatInitializer(graph, node.getInput(0), 2);
        // A one-column table (such as the row scales of an already quantized table) would not get smaller.
        if (table.isEmpty() || table.get().getDims(1) < 2 || graph.findInitializer(node.getInput(1)).isPresent()) {
            return Optional.empty();
        }
        TensorProto fp32 = table.get();
        int rows = Math.toIntExact(fp32.getDims(0));
        int cols = Math.toIntExact(fp32.getDims(1));
        SymmetricInt8 quantized = SymmetricInt8.perRow(OnnxTensors.toFloats(fp32), rows, cols);
        String values = graph.int8s(fp32.getName() + ".int8", quantized.values, rows, cols);
        // [V, 1] so that gathering gives [..., 1], which broadcasts over the row.
        String scales = graph.floats(fp32.getName() + ".row_scale", quantized.scales, rows, 1);

        String ids = node.getInput(1);
        OnnxOps ops = new OnnxOps(graph);
        String gathered = graph.node("Gather").inputs(values, ids).output(fp32.getName() + ".gathered_int8");
        String rowScales = graph.node("Gather").inputs(scales, ids).output(fp32.getName() + ".gathered_scale");
        graph.node("Mul").inputs(ops.cast(gathered, DataType.FLOAT, fp32.getName() + ".gathered_float"), rowScales)
                .replacingOutputs(node.getOutputList());
        return Optional.of(List.of(NodeQuantizer.entry(fp32, OP, rows, 0)));
    }
}
