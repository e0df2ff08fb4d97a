package dev.distill.onnx.quantize;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxNodes;
import dev.distill.onnx.OnnxTensors;

import java.util.Optional;

/**
 * A dense layer the int8 rewrites can take: a plain {@code Gemm} (alpha = beta = 1, no transA, bias absent or [N])
 * or a {@code MatMul}, with a constant float weight of at least {@code minElements} values.
 *
 * @param weight the float weight initializer
 * @param k      the layer's inputs
 * @param n      its outputs
 * @param bias   the Gemm's [N] bias, or "" for none (always "" for a MatMul)
 * @param transposed whether the weight is stored [N, K] (a Gemm with transB), not [K, N]
 */
record DenseLayer(TensorProto weight, int k, int n, String bias, boolean transposed) {

    /** The layer {@code node} is, if it is one. */
    static Optional<DenseLayer> of(NodeProto node, OnnxGraph graph, long minElements) {
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
        return Optional.of(new DenseLayer(weight.get(), k, n, bias, transposed));
    }

    /**
     * The weight as symmetric int8 with one scale per output column, its values laid out [N, K]
     * ({@link SymmetricInt8#transposed()} gives the [K, N] MatMul reads).
     */
    SymmetricInt8 perColumn() {
        return SymmetricInt8.perRow(rowsPerOutput(), n, k);
    }

    /** The weight laid out [N, K]: one row per output. */
    float[] rowsPerOutput() {
        float[] data = OnnxTensors.toFloats(weight);
        return transposed ? data : OnnxTensors.transpose(data, k, n);
    }
}
