package dev.distill.onnx.quantize;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxNodes;
import dev.distill.onnx.OnnxTensors;

import java.util.List;
import java.util.Optional;

/**
 * A {@code Gemm} (plain: alpha = beta = 1, no transA, bias absent or [N]) or {@code MatMul} with a constant
 * weight of at least {@code minElements} values becomes {@code com.microsoft.DynamicQuantizeMatMul} with an
 * int8 [K, N] weight and one scale per output column. Small layers stay float: quantizing their input
 * on the fly costs more than it saves.
 */
final class DenseQuantizer implements NodeQuantizer {

    static final String OP = OnnxGraph.MICROSOFT_DOMAIN + ".DynamicQuantizeMatMul";

    private final long minElements;

    DenseQuantizer(long minElements) {
        this.minElements = minElements;
    }

    @Override
    public Optional<List<QuantizationReport.Entry>> rewrite(NodeProto node, OnnxGraph graph) {
        boolean gemm = node.getOpType().equals("Gemm");
        if (!node.getDomain().isEmpty() || !(gemm || node.getOpType().equals("MatMul"))) {
            return Optional.empty();
        }
        if (gemm && (OnnxNodes.intAttribute(node, "transA", 0) != 0
                || OnnxNodes.floatAttribute(node, "alpha", 1f) != 1f
                || OnnxNodes.floatAttribute(node, "beta", 1f) != 1f)) {
            return Optional.empty();
        }
        Optional<TensorProto> weight = NodeQuantizer.floatInitializer(graph, node.getInput(1), 2)
                .filter(t -> t.getDims(0) * t.getDims(1) >= minElements);
        if (weight.isEmpty()) {
            return Optional.empty();
        }
        boolean transposed = gemm && OnnxNodes.intAttribute(node, "transB", 0) != 0;
        int n = Math.toIntExact(weight.get().getDims(transposed ? 0 : 1));
        int k = Math.toIntExact(weight.get().getDims(transposed ? 1 : 0));
        String bias = gemm ? OnnxNodes.input(node, 2) : "";
        if (!bias.isEmpty() && NodeQuantizer.floatInitializer(graph, bias, 1).filter(b -> b.getDims(0) == n).isEmpty()) {
            return Optional.empty();
        }
        float[] data = OnnxTensors.toFloats(weight.get());
        // One scale per output column: quantize the [N, K] rows, then store [K, N] as MatMul reads it.
        float[] rowsPerOutput = transposed ? data : OnnxTensors.transpose(data, k, n);
        SymmetricInt8 quantized = SymmetricInt8.perRow(rowsPerOutput, n, k);
        String name = weight.get().getName();
        graph.node("DynamicQuantizeMatMul").domain(OnnxGraph.MICROSOFT_DOMAIN)
                .inputs(node.getInput(0),
                        graph.int8s(name + ".int8", quantized.transposed(), k, n),
                        graph.floats(name + ".scale", quantized.scales, n),
                        graph.int8s(name + ".zero_point", new byte[n], n),
                        bias)
                .replacingOutputs(node.getOutputList());
        return Optional.of(List.of(NodeQuantizer.entry(weight.get(), OP, n, n)));
    }
}
