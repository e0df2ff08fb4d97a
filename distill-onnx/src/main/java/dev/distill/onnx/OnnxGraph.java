package dev.distill.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small mutable builder of ONNX models on the raw protobuf classes.
 *
 * <p>Every name handed out by {@link #uniqueName(String)} (and so by the initializer and node helpers)
 * is unique within the graph, which lets independently written pieces be composed into one graph
 * without collisions. Nodes must be added in topological order (inputs before their users).
 */
public final class OnnxGraph {

    /** The ONNX operator domain. */
    public static final String ONNX_DOMAIN = "";
    /** The domain of ONNX Runtime's contrib operators. */
    public static final String MICROSOFT_DOMAIN = "com.microsoft";
    /** The ai.onnx opset of new graphs: the last where the Reduce ops (but ReduceSum) take axes as an attribute. */
    public static final long DEFAULT_OPSET = 17;
    /** IR version 8 is the lowest that opset 17 allows, and every ONNX Runtime of the last years reads it. */
    private static final long DEFAULT_IR_VERSION = 8;

    private final ModelProto.Builder model;
    private final GraphProto.Builder graph;
    private final Map<String, Long> opsets = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Set<String> usedNames = new HashSet<>();

    private OnnxGraph(ModelProto.Builder model) {
        this.model = model;
        this.graph = model.getGraphBuilder();
        for (OperatorSetIdProto opset : model.getOpsetImportList()) {
            opsets.put(opset.getDomain(), opset.getVersion());
        }
        for (StringStringEntryProto entry : model.getMetadataPropsList()) {
            metadata.put(entry.getKey(), entry.getValue());
        }
        model.clearOpsetImport().clearMetadataProps();
        reserveNamesOf(graph.build());
    }

    /** A new empty model with opset ai.onnx {@value #DEFAULT_OPSET} and producer "distill". */
    public static OnnxGraph create(String graphName) {
        OnnxGraph created = new OnnxGraph(ModelProto.newBuilder()
                .setIrVersion(DEFAULT_IR_VERSION)
                .setProducerName("distill")
                .setGraph(GraphProto.newBuilder().setName(graphName)));
        created.opset(ONNX_DOMAIN, DEFAULT_OPSET);
        return created;
    }

    /** A builder that starts from a copy of {@code existing}: its nodes, opsets and metadata are kept. */
    public static OnnxGraph extend(ModelProto existing) {
        return new OnnxGraph(existing.toBuilder());
    }

    /**
     * A name not yet used in the graph: {@code base} itself if free, else {@code base_1}, {@code base_2}, ...
     * The name is reserved.
     */
    public String uniqueName(String base) {
        String candidate = base;
        for (int suffix = 1; usedNames.contains(candidate); suffix++) {
            candidate = base + "_" + suffix;
        }
        usedNames.add(candidate);
        return candidate;
    }

    /** Starts a node of the ONNX domain; finish it with one of the {@code output} methods. */
    public NodeBuilder node(String opType) {
        return new NodeBuilder(this, opType);
    }

    /** Adds a float initializer and returns its unique name. */
    public String floats(String baseName, float[] data, long... shape) {
        return added(OnnxTensors.floats(uniqueName(baseName), data, shape));
    }

    /** Adds an int64 initializer and returns its unique name. */
    public String longs(String baseName, long[] data, long... shape) {
        return added(OnnxTensors.longs(uniqueName(baseName), data, shape));
    }

    /** Adds an int32 initializer and returns its unique name. */
    public String ints(String baseName, int[] data, long... shape) {
        return added(OnnxTensors.ints(uniqueName(baseName), data, shape));
    }

    /** Adds an int8 initializer and returns its unique name. */
    public String int8s(String baseName, byte[] data, long... shape) {
        return added(OnnxTensors.int8s(uniqueName(baseName), data, shape));
    }

    /** Adds a float scalar initializer (shape []) and returns its unique name. */
    public String scalar(String baseName, float value) {
        return floats(baseName, new float[] {value});
    }

    /**
     * Adds a ready-made initializer under its own name if free, else under a unique variant of it.
     *
     * @return the name it was added under
     */
    public String initializer(TensorProto tensor) {
        String name = uniqueName(tensor.getName());
        graph.addInitializer(tensor.toBuilder().setName(name));
        return name;
    }

    /** Replaces the initializer of the same name (or adds it), keeping its name; for in-place transforms. */
    public void replaceInitializer(TensorProto tensor) {
        removeInitializer(tensor.getName());
        usedNames.add(tensor.getName());
        graph.addInitializer(tensor);
    }

    /** The initializer called {@code name}, if there is one. */
    public Optional<TensorProto> findInitializer(String name) {
        return graph.getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst();
    }

    /** Removes the initializer called {@code name} (its name stays reserved). */
    public void removeInitializer(String name) {
        List<TensorProto> kept = new ArrayList<>(graph.getInitializerList());
        kept.removeIf(t -> t.getName().equals(name));
        graph.clearInitializer().addAllInitializer(kept);
    }

    /** The nodes so far, in order (an unmodifiable snapshot). */
    public List<NodeProto> nodes() {
        return Collections.unmodifiableList(new ArrayList<>(graph.getNodeList()));
    }

    /**
     * Replaces all nodes; for graph-to-graph transforms that rewrite nodes in place. The list must be
     * in topological order.
     */
    public void replaceNodes(List<NodeProto> nodes) {
        graph.clearNode().addAllNode(nodes);
    }

    /** Removes these nodes (compared by value); their output names stay reserved. */
    public void removeNodes(Collection<NodeProto> removed) {
        Set<NodeProto> drop = new HashSet<>(removed);
        List<NodeProto> kept = new ArrayList<>(graph.getNodeList());
        kept.removeIf(drop::contains);
        graph.clearNode().addAllNode(kept);
    }

    /** Removes initializers that no node, subgraph or graph output reads any more. */
    public void removeUnusedInitializers() {
        Set<String> read = new HashSet<>();
        graph.getNodeList().forEach(node -> collectReads(node, read));
        graph.getOutputList().forEach(v -> read.add(v.getName()));
        List<TensorProto> kept = new ArrayList<>(graph.getInitializerList());
        kept.removeIf(t -> !read.contains(t.getName()));
        graph.clearInitializer().addAllInitializer(kept);
    }

    /**
     * Reorders the nodes so that each comes after the producers of its inputs, keeping the current order
     * where it is already valid; for transforms that append replacement nodes at the end.
     *
     * @throws IllegalStateException naming a node whose input nothing produces
     */
    public void sortTopologically() {
        Set<String> available = new HashSet<>();
        available.add("");
        graph.getInputList().forEach(v -> available.add(v.getName()));
        graph.getInitializerList().forEach(t -> available.add(t.getName()));
        List<NodeProto> pending = new ArrayList<>(graph.getNodeList());
        List<NodeProto> sorted = new ArrayList<>(pending.size());
        while (!pending.isEmpty()) {
            NodeProto ready = pending.stream().filter(n -> available.containsAll(n.getInputList())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("graph '" + graph.getName() + "': node '"
                            + pending.get(0).getName() + "' (" + pending.get(0).getOpType()
                            + ") reads a value that no node, input or initializer produces, or the graph has a cycle"));
            pending.remove(ready);
            sorted.add(ready);
            available.addAll(ready.getOutputList());
        }
        graph.clearNode().addAllNode(sorted);
    }

    /** Declares a graph input with exactly this name; a dimension is a {@link Number} or a symbolic {@link String}. */
    public OnnxGraph input(String name, DataType type, Object... dims) {
        claim(name);
        graph.addInput(valueInfo(name, type, dims));
        return this;
    }

    /** Declares an existing value as a graph output; a dimension is a {@link Number} or a symbolic {@link String}. */
    public OnnxGraph output(String name, DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
        return this;
    }

    /** Removes all graph outputs, e.g. to replace an encoder's outputs with a head's. */
    public OnnxGraph clearOutputs() {
        graph.clearOutput();
        return this;
    }

    /** Imports {@code domain} at {@code version}, replacing an earlier import of the same domain. */
    public OnnxGraph opset(String domain, long version) {
        opsets.put(domain, version);
        return this;
    }

    /** The imported version of {@code domain}, if imported. */
    public Optional<Long> opsetVersion(String domain) {
        return Optional.ofNullable(opsets.get(domain));
    }

    /** Sets a metadata property, replacing an earlier value of the same key. */
    public OnnxGraph metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /**
     * The finished model. Domains used by nodes but not imported are imported at version 1
     * (com.microsoft's contrib ops are all version 1).
     */
    public ModelProto build() {
        for (NodeProto node : graph.getNodeList()) {
            opsets.putIfAbsent(node.getDomain(), 1L);
        }
        model.clearOpsetImport().clearMetadataProps();
        opsets.forEach((domain, version) ->
                model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version)));
        metadata.forEach((key, value) ->
                model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return model.build();
    }

    /** Adds an initializer whose name was already made unique. */
    private String added(TensorProto tensor) {
        graph.addInitializer(tensor);
        return tensor.getName();
    }

    void claim(String name) {
        if (!usedNames.add(name)) {
            throw new IllegalArgumentException("the name '" + name + "' is already used in graph '"
                    + graph.getName() + "'");
        }
    }

    void addNode(NodeProto node) {
        graph.addNode(node);
    }

    private static void collectReads(NodeProto node, Set<String> read) {
        read.addAll(node.getInputList());
        for (AttributeProto attribute : node.getAttributeList()) {
            if (attribute.hasG()) {
                attribute.getG().getNodeList().forEach(inner -> collectReads(inner, read));
            }
            attribute.getGraphsList().forEach(g -> g.getNodeList().forEach(inner -> collectReads(inner, read)));
        }
    }

    private static ValueInfoProto valueInfo(String name, DataType type, Object[] dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            if (dim instanceof String symbolic) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(symbolic));
            } else if (dim instanceof Number size) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(size.longValue()));
            } else {
                throw new IllegalArgumentException("dimension of '" + name + "' must be a Number or a String: " + dim);
            }
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber())
                        .setShape(shape)))
                .build();
    }

    private void reserveNamesOf(GraphProto existing) {
        existing.getInputList().forEach(v -> usedNames.add(v.getName()));
        existing.getOutputList().forEach(v -> usedNames.add(v.getName()));
        existing.getValueInfoList().forEach(v -> usedNames.add(v.getName()));
        existing.getInitializerList().forEach(t -> usedNames.add(t.getName()));
        for (NodeProto node : existing.getNodeList()) {
            usedNames.add(node.getName());
            usedNames.addAll(node.getInputList());
            usedNames.addAll(node.getOutputList());
            for (AttributeProto attribute : node.getAttributeList()) {
                if (attribute.hasG()) {
                    reserveNamesOf(attribute.getG());
                }
                attribute.getGraphsList().forEach(this::reserveNamesOf);
            }
        }
        usedNames.remove("");
    }
}
