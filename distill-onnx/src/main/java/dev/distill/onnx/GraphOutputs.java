package dev.distill.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Graph surgery that lets a caller read a tensor from inside a model: a teacher's hidden states or
 * the sentence vector its classification head reads are intermediate tensors of its ONNX graph,
 * and ONNX Runtime returns only graph outputs. The model is otherwise unchanged, so the outputs it
 * had keep their values.
 */
public final class GraphOutputs {

    /** How many existing tensor names an error lists at most. */
    private static final int NAMES_SHOWN = 12;

    /** The nodes that change a pooled tensor's shape, not its values. */
    private static final Set<String> RESHAPES = Set.of("Flatten", "Reshape", "Squeeze", "Identity");

    private GraphOutputs() {
    }

    /**
     * The model with one more graph output, {@code outputName}, carrying the value of the existing
     * tensor {@code tensor} (a node output, graph input or initializer). When the names differ an
     * {@code Identity} node gives the tensor its new name; the tensor must be a float tensor (the
     * declared type is taken from the graph's value infos, float when it declares none).
     *
     * @throws IllegalArgumentException naming the graph and the tensor when no such tensor exists (with
     *     the graph's outputs and the tensors of similar names), or when {@code outputName} is taken
     */
    public static ModelProto withOutput(ModelProto model, String tensor, String outputName) {
        GraphProto graph = model.getGraph();
        if (!tensorNames(graph).contains(tensor)) {
            throw new IllegalArgumentException(describe(graph) + " has no tensor '" + tensor + "' (no node makes"
                    + " it and no graph input or initializer has that name); its outputs are "
                    + names(graph.getOutputList()) + similarNames(graph, tensor));
        }
        if (graph.getOutputList().stream().anyMatch(o -> o.getName().equals(outputName))) {
            if (outputName.equals(tensor)) {
                return model;
            }
            throw new IllegalArgumentException(describe(graph) + " already has an output '" + outputName
                    + "'; choose another name for the output that exposes '" + tensor + "'");
        }
        OnnxGraph extended = OnnxGraph.extend(model);
        if (!outputName.equals(tensor)) {
            extended.node("Identity").inputs(tensor).exactOutput(outputName);
        }
        ModelProto built = extended.build();
        ValueInfoProto declared = ValueInfoProto.newBuilder()
                .setName(outputName)
                .setType(typeOf(graph, tensor))
                .build();
        return built.toBuilder().setGraph(built.getGraph().toBuilder().addOutput(declared)).build();
    }

    /**
     * The model with one more output, {@code outputName}: the tensor that the classification head
     * behind the output {@code logits} reads (the pooled sentence vector of a BERT-style classifier).
     *
     * @see #headInput
     */
    public static ModelProto withHeadInput(ModelProto model, String logits, String outputName) {
        return withOutput(model, headInput(model, logits), outputName);
    }

    /**
     * The name of the tensor the classification head reads: following the graph back from the
     * output {@code logits} through the final linear layer, which is a {@code Gemm}, a {@code MatMul}
     * (alone or followed by an {@code Add} of a constant bias), or ONNX Runtime's
     * {@code DynamicQuantizeMatMul}, each with constant weights. {@code Identity} nodes on the way
     * are skipped.
     *
     * @throws IllegalArgumentException naming the graph, the output and the node found when there is
     *     no such output or it is not made by a linear layer
     */
    public static String headInput(ModelProto model, String logits) {
        GraphProto graph = model.getGraph();
        if (graph.getOutputList().stream().noneMatch(o -> o.getName().equals(logits))) {
            throw new IllegalArgumentException(describe(graph) + " has no output '" + logits
                    + "' to follow back to its classification head; its outputs are " + names(graph.getOutputList()));
        }
        Set<String> constants = constantNames(graph);
        NodeProto node = skipIdentities(graph, producer(graph, logits).orElse(null));
        if (node != null && node.getOpType().equals("Add") && node.getInputCount() == 2) {
            NodeProto matMul = biasedMatMul(graph, node, constants);
            if (matMul != null) {
                node = matMul;
            }
        }
        if (node != null && isLinear(node) && node.getInputCount() >= 2 && constants.contains(node.getInput(1))
                && !constants.contains(node.getInput(0))) {
            return node.getInput(0);
        }
        String found = node == null ? "no node (it is a graph input or initializer)"
                : "a " + node.getOpType() + " node '" + node.getName() + "' with inputs " + node.getInputList();
        throw new IllegalArgumentException(describe(graph) + ": cannot find the input of the classification head"
                + " behind the output '" + logits + "': it is made by " + found + "; expected the final linear"
                + " layer, a Gemm, MatMul (+ Add) or DynamicQuantizeMatMul with constant weights. Name the"
                + " tensor to read instead.");
    }

    /**
     * The model with one more output, {@code outputName}: the feature map that the pooling before the classification
     * head behind {@code logits} averages (an image classifier's last stage).
     *
     * @see #poolingInput
     */
    public static ModelProto withPoolingInput(ModelProto model, String logits, String outputName) {
        return withOutput(model, poolingInput(model, logits), outputName);
    }

    /**
     * The name of the feature map a CNN classifier pools before its head: from the head's input ({@link #headInput}),
     * back through {@code Flatten}, {@code Reshape}, {@code Squeeze} and {@code Identity} nodes, to a
     * {@code GlobalAveragePool}, or a {@code ReduceMean} over the spatial axes, whose input is the feature map
     * {@code [batch, channels, height, width]}.
     *
     * @throws IllegalArgumentException naming the graph and the node found when the head does not read a global
     *     average pooling
     */
    public static String poolingInput(ModelProto model, String logits) {
        GraphProto graph = model.getGraph();
        String head = headInput(model, logits);
        NodeProto node = producer(graph, head).orElse(null);
        while (node != null && RESHAPES.contains(node.getOpType())) {
            node = producer(graph, node.getInput(0)).orElse(null);
        }
        if (node != null && (node.getOpType().equals("GlobalAveragePool") || node.getOpType().equals("ReduceMean"))) {
            return node.getInput(0);
        }
        String found = node == null ? "no node (a graph input or initializer)"
                : "a " + node.getOpType() + " node '" + node.getName() + "'";
        throw new IllegalArgumentException(describe(graph) + ": the classification head behind '" + logits
                + "' reads '" + head + "', made by " + found + ", not by a global average pooling (GlobalAveragePool"
                + " or ReduceMean) of a feature map; a teacher without one gives no feature map to learn from");
    }

    private static boolean isLinear(NodeProto node) {
        return switch (node.getOpType()) {
            case "Gemm", "MatMul", "DynamicQuantizeMatMul" -> true;
            default -> false;
        };
    }

    /** The MatMul of {@code add = MatMul(x, W) + b} with constant W and b, or null. */
    private static NodeProto biasedMatMul(GraphProto graph, NodeProto add, Set<String> constants) {
        for (int side = 0; side < 2; side++) {
            if (!constants.contains(add.getInput(1 - side))) {
                continue;
            }
            NodeProto candidate = skipIdentities(graph, producer(graph, add.getInput(side)).orElse(null));
            if (candidate != null && candidate.getOpType().equals("MatMul")) {
                return candidate;
            }
        }
        return null;
    }

    private static NodeProto skipIdentities(GraphProto graph, NodeProto node) {
        NodeProto current = node;
        while (current != null && current.getOpType().equals("Identity")) {
            current = producer(graph, current.getInput(0)).orElse(null);
        }
        return current;
    }

    private static Optional<NodeProto> producer(GraphProto graph, String tensor) {
        return graph.getNodeList().stream().filter(n -> n.getOutputList().contains(tensor)).findFirst();
    }

    /** Initializers and outputs of Constant nodes: what a linear layer's weights are. */
    private static Set<String> constantNames(GraphProto graph) {
        Set<String> names = new HashSet<>();
        graph.getInitializerList().forEach(t -> names.add(t.getName()));
        graph.getNodeList().stream().filter(n -> n.getOpType().equals("Constant"))
                .forEach(n -> names.addAll(n.getOutputList()));
        return names;
    }

    private static Set<String> tensorNames(GraphProto graph) {
        Set<String> names = new LinkedHashSet<>();
        graph.getInputList().forEach(v -> names.add(v.getName()));
        graph.getInitializerList().stream().map(TensorProto::getName).forEach(names::add);
        graph.getNodeList().forEach(n -> n.getOutputList().stream().filter(o -> !o.isEmpty()).forEach(names::add));
        return names;
    }

    /** The declared type of a tensor, or float of unknown shape when the graph declares none. */
    private static TypeProto typeOf(GraphProto graph, String tensor) {
        return Stream.of(graph.getValueInfoList(), graph.getOutputList(), graph.getInputList())
                .flatMap(List::stream)
                .filter(v -> v.getName().equals(tensor) && v.hasType())
                .map(ValueInfoProto::getType)
                .findFirst()
                .or(() -> graph.getInitializerList().stream().filter(t -> t.getName().equals(tensor)).findFirst()
                        .map(t -> floatType(t.getDataType())))
                .orElseGet(() -> floatType(TensorProto.DataType.FLOAT_VALUE));
    }

    private static TypeProto floatType(int elementType) {
        return TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType)).build();
    }

    /** The node outputs whose names share the asked name's last part, else the first ones. */
    private static String similarNames(GraphProto graph, String asked) {
        String[] parts = asked.toLowerCase(Locale.ROOT).split("[/.:_]");
        String key = parts.length == 0 ? asked.toLowerCase(Locale.ROOT) : parts[parts.length - 1];
        List<String> all = new ArrayList<>(tensorNames(graph));
        List<String> similar = key.isEmpty() ? List.of()
                : all.stream().filter(n -> n.toLowerCase(Locale.ROOT).contains(key)).toList();
        List<String> shown = similar.isEmpty() ? all : similar;
        String what = similar.isEmpty() ? "tensors such as " : "tensors with '" + key + "' in their name: ";
        String list = shown.stream().limit(NAMES_SHOWN).collect(Collectors.joining(", ", "[", "]"));
        String more = shown.size() > NAMES_SHOWN ? " and " + (shown.size() - NAMES_SHOWN) + " more" : "";
        return "; it has " + all.size() + " tensors in all, " + what + list + more;
    }

    private static String describe(GraphProto graph) {
        return "the ONNX graph '" + graph.getName() + "'";
    }

    private static String names(List<ValueInfoProto> values) {
        return values.stream().map(ValueInfoProto::getName).collect(Collectors.joining(", ", "[", "]"));
    }
}
