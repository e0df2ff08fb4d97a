package dev.distill.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;

/**
 * Operators whose signature changed between opsets, written for whatever ai.onnx opset the graph imports.
 *
 * <p>ReduceSum and Unsqueeze take {@code axes} as an input from opset 13 on, the other Reduce ops
 * from opset 18 on; before that it is an attribute.
 */
public final class OnnxOps {

    private static final long AXES_AS_INPUT_REDUCE_SUM_UNSQUEEZE = 13;
    private static final long AXES_AS_INPUT_OTHER_REDUCE = 18;

    private final OnnxGraph graph;
    private final long opset;

    /** Helpers for {@code graph}, which must import the ai.onnx domain. */
    public OnnxOps(OnnxGraph graph) {
        this.graph = graph;
        this.opset = graph.opsetVersion(OnnxGraph.ONNX_DOMAIN).orElseThrow(() ->
                new IllegalArgumentException("the graph imports no ai.onnx opset"));
    }

    /** {@code Unsqueeze(x, axes)}. */
    public String unsqueeze(String x, String outputBase, long... axes) {
        return withAxes("Unsqueeze", x, axes, AXES_AS_INPUT_REDUCE_SUM_UNSQUEEZE).output(outputBase);
    }

    /** {@code Squeeze(x, axes)} (same rule as Unsqueeze). */
    public String squeeze(String x, String outputBase, long... axes) {
        return withAxes("Squeeze", x, axes, AXES_AS_INPUT_REDUCE_SUM_UNSQUEEZE).output(outputBase);
    }

    /** {@code ReduceSum(x, axes, keepdims)}. */
    public String reduceSum(String x, boolean keepDims, String outputBase, long... axes) {
        return withAxes("ReduceSum", x, axes, AXES_AS_INPUT_REDUCE_SUM_UNSQUEEZE)
                .attrInt("keepdims", keepDims ? 1 : 0).output(outputBase);
    }

    /** {@code ReduceMax(x, axes, keepdims)}. */
    public String reduceMax(String x, boolean keepDims, String outputBase, long... axes) {
        return withAxes("ReduceMax", x, axes, AXES_AS_INPUT_OTHER_REDUCE)
                .attrInt("keepdims", keepDims ? 1 : 0).output(outputBase);
    }

    /** {@code Cast(x, to)}. */
    public String cast(String x, DataType to, String outputBase) {
        return graph.node("Cast").inputs(x).attrInt("to", to.getNumber()).output(outputBase);
    }

    /** A binary elementwise op with broadcasting, e.g. {@code Mul}, {@code Add}, {@code Div}. */
    public String binary(String opType, String a, String b, String outputBase) {
        return graph.node(opType).inputs(a, b).output(outputBase);
    }

    /**
     * {@code Gemm(x, w, b)} with {@code transB=1}: {@code x W^T + b} for a 2-D {@code x} and a
     * PyTorch-layout weight [out, in]. Finish it with {@code output} or {@code exactOutput}.
     */
    public NodeBuilder linear(String x, String weight, String bias) {
        return graph.node("Gemm").inputs(x, weight, bias).attrInt("transB", 1);
    }

    private NodeBuilder withAxes(String opType, String x, long[] axes, long axesBecameInputAt) {
        NodeBuilder node = graph.node(opType);
        if (opset >= axesBecameInputAt) {
            return node.inputs(x, graph.longs(opType.toLowerCase() + "_axes", axes, axes.length));
        }
        return node.inputs(x).attrInts("axes", axes);
    }
}
