package dev.distill.onnx.quantize;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.distill.onnx.OnnxGraph;

import java.util.List;
import java.util.function.Predicate;

/**
 * A {@code Gemm} (plain: alpha = beta = 1, no transA, bias absent or [N]) or {@code MatMul} with a constant
 * weight of at least {@code minElements} values becomes {@code com.microsoft.DynamicQuantizeMatMul} with an
 * int8 [K, N] weight and one scale per output column. Small layers stay float: quantizing their input
 * on the fly costs more than it saves.
 */
final class DenseQuantizer extends DenseLayerQuantizer {

    static final String OP = OnnxGraph.MICROSOFT_DOMAIN + ".DynamicQuantizeMatMul";

    /** @param takes the names of the weights whose layers this quantizer rewrites */
    DenseQuantizer(long minElements, Predicate<String> takes) {
        super(minElements, takes);
    }

    @Override
    List<QuantizationReport.Entry> replace(DenseLayer layer, NodeProto node, OnnxGraph graph) {
        int k = layer.k();
        int n = layer.n();
        SymmetricInt8 quantized = layer.perColumn();
        String name = layer.weight().getName();
        graph.node("DynamicQuantizeMatMul").domain(OnnxGraph.MICROSOFT_DOMAIN)
                .inputs(node.getInput(0),
                        graph.int8s(name + ".int8", quantized.transposed(), k, n),
                        graph.floats(name + ".scale", quantized.scales, n),
                        graph.int8s(name + ".zero_point", new byte[n], n),
                        layer.bias())
                .replacingOutputs(node.getOutputList());
        return List.of(NodeQuantizer.entry(layer.weight(), OP, n, n));
    }
}
