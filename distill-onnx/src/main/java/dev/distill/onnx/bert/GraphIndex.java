package dev.distill.onnx.bert;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.distill.onnx.Dequantize;
import dev.distill.onnx.OnnxNodes;
import dev.distill.onnx.OnnxTensors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A graph indexed for walking it: who makes each tensor, who reads it, and the constant values (initializers,
 * {@code Constant} nodes, and {@code DequantizeLinear} of constant 8-bit tensors, which is how a weight-only
 * quantized export stores its weights).
 */
final class GraphIndex {

    private final GraphProto graph;
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Map<String, TensorProto> initializers = new HashMap<>();

    GraphIndex(ModelProto model) {
        this.graph = model.getGraph();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        for (NodeProto node : graph.getNodeList()) {
            node.getOutputList().forEach(output -> producers.put(output, node));
            node.getInputList().stream().filter(input -> !input.isEmpty()).distinct()
                    .forEach(input -> consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node));
            if (node.getOpType().equals("Constant")) {
                String output = node.getOutput(0);
                OnnxNodes.attribute(node, "value").ifPresent(value ->
                        initializers.put(output, value.getT().toBuilder().setName(output).build()));
            }
        }
    }

    GraphProto graph() {
        return graph;
    }

    Map<String, TensorProto> initializers() {
        return initializers;
    }

    Optional<NodeProto> producer(String tensor) {
        return Optional.ofNullable(producers.get(tensor));
    }

    /** The producer of {@code tensor} if it is a node of this type. */
    Optional<NodeProto> producer(String tensor, String opType) {
        return producer(tensor).filter(node -> node.getOpType().equals(opType));
    }

    List<NodeProto> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    /** The readers of {@code tensor} that are nodes of this type. */
    List<NodeProto> consumers(String tensor, String opType) {
        return consumers(tensor).stream().filter(node -> node.getOpType().equals(opType)).toList();
    }

    boolean isConstant(String tensor) {
        return constant(tensor).isPresent();
    }

    /** An initializer or Constant node's output, as stored. */
    Optional<TensorProto> stored(String tensor) {
        return Optional.ofNullable(initializers.get(tensor));
    }

    /**
     * The value of a constant float tensor: an initializer or Constant node, or a {@code DequantizeLinear} of
     * constant 8-bit values (one scale, or one per slice along its {@code axis}).
     */
    Optional<FloatTensor> constant(String tensor) {
        TensorProto stored = initializers.get(tensor);
        if (stored != null) {
            return stored.getDataType() == DataType.FLOAT_VALUE
                    ? Optional.of(new FloatTensor(OnnxTensors.toFloats(stored), OnnxTensors.shape(stored)))
                    : Optional.empty();
        }
        return producer(tensor, "DequantizeLinear").flatMap(this::dequantized);
    }

    /** The integer values of a constant int64 tensor (a Reshape's shape, a Gather's index). */
    Optional<long[]> longs(String tensor) {
        TensorProto stored = initializers.get(tensor);
        return stored != null && stored.getDataType() == DataType.INT64_VALUE
                ? Optional.of(OnnxTensors.toLongs(stored)) : Optional.empty();
    }

    /** A scalar (or one-element) float constant. */
    Optional<Float> scalar(String tensor) {
        return constant(tensor).filter(t -> t.values().length == 1).map(t -> t.values()[0]);
    }

    private Optional<FloatTensor> dequantized(NodeProto dequantize) {
        TensorProto data = initializers.get(OnnxNodes.input(dequantize, 0));
        Optional<FloatTensor> scale = constant(OnnxNodes.input(dequantize, 1));
        String zeroName = OnnxNodes.input(dequantize, 2);
        TensorProto zero = zeroName.isEmpty() ? null : initializers.get(zeroName);
        if (data == null || scale.isEmpty() || (!zeroName.isEmpty() && zero == null)
                || (data.getDataType() != DataType.INT8_VALUE && data.getDataType() != DataType.UINT8_VALUE)) {
            return Optional.empty();
        }
        long[] shape = OnnxTensors.shape(data);
        int axis = (int) OnnxNodes.intAttribute(dequantize, "axis", 1);
        return Optional.of(new FloatTensor(Dequantize.values(OnnxTensors.toIntegers(data), shape,
                scale.get().values(), zero == null ? new int[] {0} : OnnxTensors.toIntegers(zero),
                axis < 0 ? axis + shape.length : axis), shape));
    }

    /** The input of a two-input node that is not {@code known}. */
    static Optional<String> otherInput(NodeProto node, String known) {
        if (node.getInputCount() != 2) {
            return Optional.empty();
        }
        return node.getInput(0).equals(known) ? Optional.of(node.getInput(1))
                : node.getInput(1).equals(known) ? Optional.of(node.getInput(0)) : Optional.empty();
    }

    /** Nodes as "Op 'name'" for an error message. */
    static String describe(List<NodeProto> nodes) {
        if (nodes.isEmpty()) {
            return "no node";
        }
        return nodes.stream().map(n -> n.getOpType() + " '" + n.getName() + "'").toList().toString();
    }

    /** A float tensor's values with its shape. */
    record FloatTensor(float[] values, long[] shape) {
    }
}
