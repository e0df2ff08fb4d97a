package dev.distill.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;

import java.util.ArrayList;
import java.util.List;

/**
 * One node being added to an {@link OnnxGraph}. Finish it with {@link #output(String)} or
 * {@link #outputs(String...)}, which add the node to the graph and return the names of its outputs.
 */
public final class NodeBuilder {

    private final OnnxGraph graph;
    private final NodeProto.Builder node;

    NodeBuilder(OnnxGraph graph, String opType) {
        this.graph = graph;
        this.node = NodeProto.newBuilder().setOpType(opType);
    }

    /** Appends inputs in order; an empty string stands for an omitted optional input. */
    public NodeBuilder inputs(String... names) {
        for (String name : names) {
            node.addInput(name);
        }
        return this;
    }

    /** Sets the operator domain, e.g. {@code "com.microsoft"}; the default is the ONNX domain. */
    public NodeBuilder domain(String domain) {
        node.setDomain(domain);
        return this;
    }

    /** An integer attribute. */
    public NodeBuilder attrInt(String name, long value) {
        return attr(AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value));
    }

    /** An integer-list attribute. */
    public NodeBuilder attrInts(String name, long... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attr(attribute);
    }

    /** A float attribute. */
    public NodeBuilder attrFloat(String name, float value) {
        return attr(AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(value));
    }

    /** A float-list attribute. */
    public NodeBuilder attrFloats(String name, float... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOATS);
        for (float value : values) {
            attribute.addFloats(value);
        }
        return attr(attribute);
    }

    /** A string attribute (UTF-8). */
    public NodeBuilder attrString(String name, String value) {
        return attr(AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)));
    }

    /** A string-list attribute (UTF-8), e.g. LSTM's {@code activations}. */
    public NodeBuilder attrStrings(String name, String... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeType.STRINGS);
        for (String value : values) {
            attribute.addStrings(ByteString.copyFromUtf8(value));
        }
        return attr(attribute);
    }

    /** A tensor attribute, e.g. the {@code value} of a {@code Constant}. */
    public NodeBuilder attrTensor(String name, TensorProto value) {
        return attr(AttributeProto.newBuilder().setName(name).setType(AttributeType.TENSOR).setT(value));
    }

    /** Copies an attribute as is, e.g. from a node being replaced. */
    public NodeBuilder attribute(AttributeProto attribute) {
        node.addAttribute(attribute);
        return this;
    }

    /**
     * Adds the node with exactly these output names, which a node being replaced produced (so they are
     * already reserved); "" leaves an optional output unused.
     */
    public void replacingOutputs(List<String> names) {
        node.addAllOutput(names);
        finish();
    }

    /**
     * Adds the node with one output named after {@code baseName} (made unique within the graph).
     *
     * @return the output's actual name
     */
    public String output(String baseName) {
        return outputs(baseName).get(0);
    }

    /**
     * Adds the node with one output named exactly {@code name}, e.g. a graph output such as
     * {@code "logits"}.
     *
     * @throws IllegalArgumentException if the name is already used in the graph
     */
    public String exactOutput(String name) {
        graph.claim(name);
        node.addOutput(name);
        finish();
        return name;
    }

    /**
     * Adds the node with one output per base name (each made unique); an empty base name leaves that
     * optional output unused.
     *
     * @return the outputs' actual names, in order
     */
    public List<String> outputs(String... baseNames) {
        List<String> names = new ArrayList<>(baseNames.length);
        for (String baseName : baseNames) {
            String name = baseName.isEmpty() ? "" : graph.uniqueName(baseName);
            node.addOutput(name);
            names.add(name);
        }
        finish();
        return names;
    }

    private void finish() {
        node.setName(graph.uniqueName(node.getOpType()));
        graph.addNode(node.build());
    }

    private NodeBuilder attr(AttributeProto.Builder attribute) {
        node.addAttribute(attribute);
        return this;
    }
}
