package dev.distill.onnx.quantize;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.distill.onnx.NodeBuilder;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxNodes;
import dev.distill.onnx.OnnxTensors;

import java.util.List;
import java.util.Optional;

/**
 * An ONNX {@code LSTM} with constant weights becomes {@code com.microsoft.DynamicQuantizeLSTM}: W and R as
 * int8 with one scale per gate unit, laid out [directions, input, 4·hidden] as that op wants; inputs are
 * quantized on the fly by the op.
 */
final class LstmQuantizer implements NodeQuantizer {

    static final String OP = OnnxGraph.MICROSOFT_DOMAIN + ".DynamicQuantizeLSTM";
    private static final int PEEPHOLE_INPUT = 7;

    @Override
    public Optional<List<QuantizationReport.Entry>> rewrite(NodeProto node, OnnxGraph graph) {
        if (!node.getOpType().equals("LSTM") || !node.getDomain().isEmpty()
                || OnnxNodes.intAttribute(node, "layout", 0) != 0
                || !OnnxNodes.input(node, PEEPHOLE_INPUT).isEmpty()) {
            return Optional.empty();
        }
        Optional<TensorProto> w = NodeQuantizer.floatInitializer(graph, node.getInput(1), 3);
        Optional<TensorProto> r = NodeQuantizer.floatInitializer(graph, node.getInput(2), 3);
        if (w.isEmpty() || r.isEmpty()) {
            return Optional.empty();
        }
        String[] quantizedW = quantize(graph, w.get());
        String[] quantizedR = quantize(graph, r.get());
        NodeBuilder lstm = graph.node("DynamicQuantizeLSTM").domain(OnnxGraph.MICROSOFT_DOMAIN).inputs(
                node.getInput(0), quantizedW[0], quantizedR[0], OnnxNodes.input(node, 3), OnnxNodes.input(node, 4),
                OnnxNodes.input(node, 5), OnnxNodes.input(node, 6), "",
                quantizedW[1], quantizedW[2], quantizedR[1], quantizedR[2]);
        for (AttributeProto attribute : node.getAttributeList()) {
            if (!attribute.getName().equals("layout")) {
                lstm.attribute(attribute);
            }
        }
        lstm.replacingOutputs(node.getOutputList());
        long gates = w.get().getDims(0) * w.get().getDims(1);
        return Optional.of(List.of(
                NodeQuantizer.entry(w.get(), OP, gates, gates),
                NodeQuantizer.entry(r.get(), OP, gates, gates)));
    }

    /** [dirs, 4H, cols] float -> names of int8 [dirs, cols, 4H], scales [dirs, 4H], zero points [dirs, 4H]. */
    private static String[] quantize(OnnxGraph graph, TensorProto fp32) {
        int directions = Math.toIntExact(fp32.getDims(0));
        int gates = Math.toIntExact(fp32.getDims(1));
        int cols = Math.toIntExact(fp32.getDims(2));
        float[] data = OnnxTensors.toFloats(fp32);
        byte[] values = new byte[data.length];
        float[] scales = new float[directions * gates];
        for (int direction = 0; direction < directions; direction++) {
            float[] slice = new float[gates * cols];
            System.arraycopy(data, direction * slice.length, slice, 0, slice.length);
            SymmetricInt8 quantized = SymmetricInt8.perRow(slice, gates, cols);
            System.arraycopy(quantized.transposed(), 0, values, direction * slice.length, slice.length);
            System.arraycopy(quantized.scales, 0, scales, direction * gates, gates);
        }
        String name = fp32.getName();
        return new String[] {
            graph.int8s(name + ".int8", values, directions, cols, gates),
            graph.floats(name + ".scale", scales, directions, gates),
            graph.int8s(name + ".zero_point", new byte[directions * gates], directions, gates),
        };
    }
}
