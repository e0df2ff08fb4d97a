package dev.distill.onnx.bert;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.distill.onnx.OnnxNodes;

import java.util.List;
import java.util.Optional;

/**
 * Finds the layer norm that reads a tensor: ONNX's {@code LayerNormalization} (opset 17), or the form PyTorch
 * exports at lower opsets,
 * {@code ReduceMean → Sub → Pow(2) → ReduceMean → Add(ε) → Sqrt → Div → Mul(γ) → Add(β)}.
 */
final class LayerNormReader {

    /** ONNX's default epsilon of {@code LayerNormalization}. */
    private static final float ONNX_DEFAULT_EPSILON = 1e-5f;

    private final GraphIndex graph;

    LayerNormReader(GraphIndex graph) {
        this.graph = graph;
    }

    /** A norm read from the graph and the tensor it makes. */
    record Found(LayerNorm norm, String output) {
    }

    /**
     * The layer norm of {@code input}.
     *
     * @param what what the norm is, for the error ("the layer norm after layer 2's attention")
     * @throws NotFound when {@code input} is not normalized by either form
     */
    Found of(String input, String what) {
        for (NodeProto node : graph.consumers(input, "LayerNormalization")) {
            if (OnnxNodes.input(node, 0).equals(input)) {
                return fused(node, what);
            }
        }
        return decomposed(input, what).orElseThrow(() -> new NotFound(what, "'" + input + "' is read by "
                + GraphIndex.describe(graph.consumers(input)) + ", neither a LayerNormalization nor ReduceMean, Sub, Pow, Sqrt,"
                + " Div, Mul and Add over the last axis"));
    }

    private Found fused(NodeProto node, String what) {
        long axis = OnnxNodes.intAttribute(node, "axis", -1);
        float[] scale = graph.constant(OnnxNodes.input(node, 1)).map(GraphIndex.FloatTensor::values).orElse(null);
        float[] bias = graph.constant(OnnxNodes.input(node, 2)).map(GraphIndex.FloatTensor::values).orElse(null);
        if (axis != -1 || scale == null) {
            throw new NotFound(what, "the LayerNormalization '" + node.getName() + "' normalizes axis " + axis
                    + (scale == null ? " with a computed scale" : "") + ", not the last axis with constant weights");
        }
        float epsilon = OnnxNodes.floatAttribute(node, "epsilon", ONNX_DEFAULT_EPSILON);
        return new Found(new LayerNorm(scale, bias == null ? new float[scale.length] : bias, epsilon),
                node.getOutput(0));
    }

    private Optional<Found> decomposed(String input, String what) {
        for (NodeProto mean : graph.consumers(input, "ReduceMean")) {
            Optional<NodeProto> sub = graph.consumers(mean.getOutput(0), "Sub").stream()
                    .filter(n -> n.getInput(0).equals(input)).findFirst();
            Optional<NodeProto> pow = sub.flatMap(s -> only(graph.consumers(s.getOutput(0), "Pow")));
            Optional<NodeProto> variance = pow.flatMap(p -> only(graph.consumers(p.getOutput(0), "ReduceMean")));
            Optional<NodeProto> plusEpsilon = variance.flatMap(v -> only(graph.consumers(v.getOutput(0), "Add")));
            Optional<NodeProto> sqrt = plusEpsilon.flatMap(a -> only(graph.consumers(a.getOutput(0), "Sqrt")));
            Optional<NodeProto> divide = sqrt.flatMap(s -> only(graph.consumers(s.getOutput(0), "Div")));
            Optional<NodeProto> times = divide.flatMap(d -> only(graph.consumers(d.getOutput(0), "Mul")));
            Optional<NodeProto> plus = times.flatMap(m -> only(graph.consumers(m.getOutput(0), "Add")));
            if (plus.isEmpty()) {
                continue;
            }
            Optional<Float> epsilon = GraphIndex.otherInput(plusEpsilon.get(), variance.get().getOutput(0)).flatMap(graph::scalar);
            Optional<float[]> scale = GraphIndex.otherInput(times.get(), divide.get().getOutput(0))
                    .flatMap(graph::constant).map(GraphIndex.FloatTensor::values);
            Optional<float[]> bias = GraphIndex.otherInput(plus.get(), times.get().getOutput(0))
                    .flatMap(graph::constant).map(GraphIndex.FloatTensor::values);
            Optional<Float> two = GraphIndex.otherInput(pow.get(), sub.get().getOutput(0)).flatMap(graph::scalar);
            if (epsilon.isEmpty() || scale.isEmpty() || bias.isEmpty() || two.isEmpty() || two.get() != 2f) {
                throw new NotFound(what, "the decomposed layer norm that reads '" + input + "' has a computed"
                        + " epsilon, scale, bias or power, or a power other than 2");
            }
            return Optional.of(new Found(new LayerNorm(scale.get(), bias.get(), epsilon.get()),
                    plus.get().getOutput(0)));
        }
        return Optional.empty();
    }

    private static Optional<NodeProto> only(List<NodeProto> nodes) {
        return nodes.size() == 1 ? Optional.of(nodes.get(0)) : Optional.empty();
    }
}
