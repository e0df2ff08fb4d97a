package dev.distill.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.Optional;

/** Reading the attributes of existing nodes. */
public final class OnnxNodes {

    private OnnxNodes() {
    }

    /** The attribute called {@code name}, if the node has it. */
    public static Optional<AttributeProto> attribute(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    /** An integer attribute, or {@code fallback} when absent (ONNX's default for that attribute). */
    public static long intAttribute(NodeProto node, String name, long fallback) {
        return attribute(node, name).map(AttributeProto::getI).orElse(fallback);
    }

    /** A float attribute, or {@code fallback} when absent. */
    public static float floatAttribute(NodeProto node, String name, float fallback) {
        return attribute(node, name).map(AttributeProto::getF).orElse(fallback);
    }

    /** Input {@code index}, or "" when the node has fewer inputs (an omitted optional input). */
    public static String input(NodeProto node, int index) {
        return index < node.getInputCount() ? node.getInput(index) : "";
    }
}
