package dev.distill.onnx.quantize;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.distill.onnx.OnnxGraph;

import java.util.List;
import java.util.Optional;

/**
 * Weight-only int8 for a dense layer ({@link DenseLayer}): its weight is stored as int8 [K, N] with one symmetric
 * scale per output column and dequantized ({@code DequantizeLinear}, axis 1) into a float {@code MatMul}, followed
 * by the Gemm's bias {@code Add} if it had one. The activations stay float, so the layer computes what the float
 * layer computes up to the rounding of its weights: no input is quantized on the fly with one scale per call, as
 * {@code DynamicQuantizeMatMul} does ({@link DenseQuantizer}). Four times smaller, not faster.
 */
final class DenseWeightQuantizer implements NodeQuantizer {

    static final String OP = "DequantizeLinear->MatMul";

    private final long minElements;

    DenseWeightQuantizer(long minElements) {
        this.minElements = minElements;
    }

    @Override
    public Optional<List<QuantizationReport.Entry>> rewrite(NodeProto node, OnnxGraph graph) {
        Optional<DenseLayer> dense = DenseLayer.of(node, graph, minElements);
        if (dense.isEmpty()) {
            return Optional.empty();
        }
        DenseLayer layer = dense.get();
        int k = layer.k();
        int n = layer.n();
        SymmetricInt8 quantized = layer.perColumn();
        String name = layer.weight().getName();
        String weight = graph.node("DequantizeLinear")
                .inputs(graph.int8s(name + ".int8", quantized.transposed(), k, n),
                        graph.floats(name + ".scale", quantized.scales, n),
                        graph.int8s(name + ".zero_point", new byte[n], n))
                .attrInt("axis", 1)
                .output(name + ".dequantized");
        if (layer.bias().isEmpty()) {
            graph.node("MatMul").inputs(node.getInput(0), weight).replacingOutputs(node.getOutputList());
        } else {
            String product = graph.node("MatMul").inputs(node.getInput(0), weight).output(name + ".product");
            graph.node("Add").inputs(product, layer.bias()).replacingOutputs(node.getOutputList());
        }
        return Optional.of(List.of(NodeQuantizer.entry(layer.weight(), OP, n, n)));
    }
}
