package dev.distill.onnx.bert;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxTensors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Test fixtures: the same float BERT graph written in the other forms exporters use, so that each form the layout
 * reads is checked on a real model: {@code LayerNormalization} (opset 17) for the decomposed norms, weight-only
 * int8 ({@code DequantizeLinear} of the weights), and ONNX Runtime's {@code DynamicQuantizeMatMul}. Weights are
 * quantized symmetrically with one scale per output column, to 7 bits ([-63, 63]) as ONNX Runtime's quantizer
 * does with {@code reduce_range}: its uint8 × int8 kernel on x86 sums pairs of products in int16, which full-range
 * weights overflow (measured here: logits off by up to 0.08 with [-127, 127] weights).
 */
final class GraphRewrites {

    /** The largest magnitude of a 7-bit weight. */
    private static final int WEIGHT_LIMIT = 63;

    private GraphRewrites() {
    }

    /** Every decomposed layer norm as one {@code LayerNormalization} node; the opset becomes 17. */
    static ModelProto withFusedLayerNorms(ModelProto model) {
        GraphIndex index = new GraphIndex(model);
        LayerNormReader norms = new LayerNormReader(index);
        OnnxGraph graph = OnnxGraph.extend(model).opset(OnnxGraph.ONNX_DOMAIN, 17);
        List<NodeProto> nodes = new ArrayList<>(graph.nodes());
        for (NodeProto mean : model.getGraph().getNodeList()) {
            if (!mean.getOpType().equals("ReduceMean")) {
                continue;
            }
            String input = mean.getInput(0);
            Optional<LayerNormReader.Found> found = tryRead(norms, input);
            if (found.isEmpty()) {
                continue;
            }
            LayerNorm norm = found.get().norm();
            String output = found.get().output();
            NodeProto fused = NodeProto.newBuilder().setOpType("LayerNormalization").setName(output + ".fused")
                    .addInput(input)
                    .addInput(graph.floats(output + ".scale", norm.scale(), norm.width()))
                    .addInput(graph.floats(output + ".bias", norm.bias(), norm.width()))
                    .addOutput(output)
                    .addAttribute(AttributeProto.newBuilder().setName("epsilon")
                            .setType(AttributeType.FLOAT).setF(norm.epsilon()))
                    .build();
            Set<NodeProto> replaced = between(index, input, output);
            NodeProto last = index.producer(output).orElseThrow();
            nodes.set(nodes.indexOf(last), fused);
            nodes.removeIf(replaced::contains);
        }
        graph.replaceNodes(nodes);
        graph.removeUnusedInitializers();
        return graph.build();
    }

    /** Every MatMul with a constant weight reads it through a {@code DequantizeLinear} of int8 values. */
    static ModelProto withWeightOnlyInt8(ModelProto model) {
        OnnxGraph graph = OnnxGraph.extend(model);
        List<NodeProto> dequantizers = new ArrayList<>();
        for (Map.Entry<String, Quantized> weight : weights(model).entrySet()) {
            Quantized q = weight.getValue();
            graph.removeInitializer(weight.getKey());
            dequantizers.add(NodeProto.newBuilder().setOpType("DequantizeLinear").setName(weight.getKey() + ".dq")
                    .addInput(graph.int8s(weight.getKey() + ".int8", q.values(), q.rows(), q.columns()))
                    .addInput(graph.floats(weight.getKey() + ".scale", q.scales(), q.columns()))
                    .addInput(graph.int8s(weight.getKey() + ".zero", new byte[q.columns()], q.columns()))
                    .addOutput(weight.getKey())
                    .addAttribute(AttributeProto.newBuilder().setName("axis")
                            .setType(AttributeType.INT).setI(1))
                    .build());
        }
        dequantizers.addAll(graph.nodes());
        graph.replaceNodes(dequantizers);
        return graph.build();
    }

    /** Every MatMul with a constant weight as ONNX Runtime's {@code DynamicQuantizeMatMul} of int8 weights. */
    static ModelProto withDynamicQuantizeMatMul(ModelProto model) {
        OnnxGraph graph = OnnxGraph.extend(model);
        Map<String, Quantized> weights = weights(model);
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto node : graph.nodes()) {
            Quantized q = node.getOpType().equals("MatMul") ? weights.get(node.getInput(1)) : null;
            if (q == null) {
                nodes.add(node);
                continue;
            }
            String name = node.getInput(1);
            nodes.add(NodeProto.newBuilder().setOpType("DynamicQuantizeMatMul").setDomain(OnnxGraph.MICROSOFT_DOMAIN)
                    .setName(node.getName() + ".dqmm")
                    .addInput(node.getInput(0))
                    .addInput(graph.int8s(name + ".int8", q.values(), q.rows(), q.columns()))
                    .addInput(graph.floats(name + ".scale", q.scales(), q.columns()))
                    .addInput(graph.int8s(name + ".zero", new byte[q.columns()], q.columns()))
                    .addOutput(node.getOutput(0))
                    .build());
        }
        graph.replaceNodes(nodes);
        graph.removeUnusedInitializers();
        return graph.build();
    }

    /**
     * The classifier's head reads the first token's hidden state ({@code Gather} of index 0 along the sequence)
     * instead of its pooling.
     *
     * @param lastHiddenState the tensor the pooling reads
     * @param pooled the tensor the head reads
     */
    static ModelProto withClsPooling(ModelProto model, String lastHiddenState, String pooled) {
        OnnxGraph graph = OnnxGraph.extend(model);
        String first = graph.longs("cls_index", new long[] {0});
        NodeProto cls = NodeProto.newBuilder().setOpType("Gather").setName("cls").addInput(lastHiddenState)
                .addInput(first).addOutput("cls_row")
                .addAttribute(AttributeProto.newBuilder().setName("axis")
                        .setType(AttributeType.INT).setI(1))
                .build();
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto node : graph.nodes()) {
            if (node.getInputList().contains(pooled)) {
                nodes.add(cls);
                int input = node.getInputList().indexOf(pooled);
                node = node.toBuilder().setInput(input, cls.getOutput(0)).build();
            }
            nodes.add(node);
        }
        graph.replaceNodes(nodes);
        return graph.build();
    }

    /** Every exact GELU ({@code x · ½(1 + erf(x/√2))}) replaced by its tanh approximation. */
    static ModelProto withTanhGelu(ModelProto model) {
        GraphIndex index = new GraphIndex(model);
        OnnxGraph graph = OnnxGraph.extend(model);
        String cubic = graph.scalar("gelu_cubic", 0.044715f);
        String slope = graph.scalar("gelu_slope", (float) Math.sqrt(2 / Math.PI));
        String one = graph.scalar("gelu_one", 1f);
        String half = graph.scalar("gelu_half", 0.5f);
        List<NodeProto> nodes = new ArrayList<>(graph.nodes());
        for (NodeProto erf : model.getGraph().getNodeList()) {
            if (!erf.getOpType().equals("Erf")) {
                continue;
            }
            NodeProto divide = index.producer(erf.getInput(0), "Div").orElseThrow();
            NodeProto plusOne = index.consumers(erf.getOutput(0)).get(0);
            NodeProto times = index.consumers(plusOne.getOutput(0)).get(0);
            NodeProto timesHalf = index.consumers(times.getOutput(0)).get(0);
            String x = divide.getInput(0);
            String name = erf.getName() + ".tanh";
            List<NodeProto> tanh = List.of(
                    binary("Mul", x, x, name + ".square"),
                    binary("Mul", name + ".square", x, name + ".cube"),
                    binary("Mul", name + ".cube", cubic, name + ".cubic"),
                    binary("Add", x, name + ".cubic", name + ".inner"),
                    binary("Mul", name + ".inner", slope, name + ".scaled"),
                    NodeProto.newBuilder().setOpType("Tanh").addInput(name + ".scaled").addOutput(name + ".t").build(),
                    binary("Add", name + ".t", one, name + ".plus_one"),
                    binary("Mul", x, name + ".plus_one", name + ".times_x"),
                    binary("Mul", name + ".times_x", half, timesHalf.getOutput(0)));
            nodes.addAll(nodes.indexOf(timesHalf), tanh);
            nodes.removeAll(List.of(divide, erf, plusOne, times, timesHalf));
        }
        graph.replaceNodes(nodes);
        return graph.build();
    }

    private static NodeProto binary(String op, String a, String b, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(output).addInput(a).addInput(b).addOutput(output).build();
    }

    private static Optional<LayerNormReader.Found> tryRead(LayerNormReader norms, String input) {
        try {
            return Optional.of(norms.of(input, "a norm"));
        } catch (NotFound notANorm) {
            return Optional.empty();
        }
    }

    /** The nodes on the way back from {@code output} to {@code input}, Constant nodes left out. */
    private static Set<NodeProto> between(GraphIndex index, String input, String output) {
        Set<NodeProto> nodes = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(output));
        while (!pending.isEmpty()) {
            String tensor = pending.pop();
            if (tensor.equals(input)) {
                continue;
            }
            index.producer(tensor).filter(n -> !n.getOpType().equals("Constant")).filter(nodes::add)
                    .ifPresent(n -> pending.addAll(n.getInputList()));
        }
        return nodes;
    }

    private record Quantized(byte[] values, float[] scales, int rows, int columns) {
    }

    /** The rank-2 float MatMul weights, quantized per output column. */
    private static Map<String, Quantized> weights(ModelProto model) {
        Map<String, TensorProto> initializers = new HashMap<>();
        model.getGraph().getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        Map<String, Quantized> weights = new HashMap<>();
        for (NodeProto node : model.getGraph().getNodeList()) {
            TensorProto weight = node.getOpType().equals("MatMul") ? initializers.get(node.getInput(1)) : null;
            if (weight == null || weight.getDimsCount() != 2 || weight.getDataType() != DataType.FLOAT_VALUE) {
                continue;
            }
            int rows = (int) weight.getDims(0);
            int columns = (int) weight.getDims(1);
            float[] values = OnnxTensors.toFloats(weight);
            float[] scales = new float[columns];
            for (int i = 0; i < values.length; i++) {
                scales[i % columns] = Math.max(scales[i % columns], Math.abs(values[i]) / WEIGHT_LIMIT);
            }
            byte[] quantized = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                float scale = scales[i % columns] == 0 ? 1 : scales[i % columns];
                quantized[i] = (byte) Math.max(-WEIGHT_LIMIT, Math.min(WEIGHT_LIMIT, Math.round(values[i] / scale)));
            }
            weights.put(weight.getName(), new Quantized(quantized, scales, rows, columns));
        }
        return weights;
    }
}
