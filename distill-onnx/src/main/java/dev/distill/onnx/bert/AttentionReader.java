package dev.distill.onnx.bert;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.List;
import java.util.Optional;

/**
 * Reads a layer's multi-head self-attention from its three projections of the layer input: which is the query,
 * key and value (the query is the left operand of the scores {@code MatMul}, the key the right one, the value the
 * right operand of the {@code MatMul} after the {@code Softmax}), the number of heads (from the {@code Reshape}
 * that splits the query into heads), that the scores are scaled by 1/√(head width), and the output projection.
 */
final class AttentionReader {

    /** Nodes between a projection and the attention's MatMuls. */
    private static final List<String> HEAD_SPLITTERS = List.of("Reshape", "Transpose", "Mul", "Div");
    /** How far the scale 1/√d of the graph may be from the computed one (a float constant of the export). */
    private static final double SCALE_TOLERANCE = 1e-5;

    private final GraphIndex graph;
    private final LinearReader linears;

    AttentionReader(GraphIndex graph, LinearReader linears) {
        this.graph = graph;
        this.linears = linears;
    }

    /** A layer's attention as read. */
    record Found(LinearReader.Found query, LinearReader.Found key, LinearReader.Found value, int heads,
            String probabilities, LinearReader.Found output) {
    }

    /**
     * @param projections the three hidden-to-hidden linear layers that read the layer input
     * @param what the layer, for errors ("layer 3")
     */
    Found read(List<LinearReader.Found> projections, int hidden, String what) {
        Path[] paths = projections.stream().map(this::toMatMul).toArray(Path[]::new);
        for (Path query : paths) {
            for (Path key : paths) {
                if (query != key && query.matMul() != null && query.matMul() == key.matMul()
                        && query.operand() == 0 && key.operand() == 1) {
                    Path value = List.of(paths).stream().filter(p -> p != query && p != key).findFirst().orElseThrow();
                    return read(query, key, value, hidden, what);
                }
            }
        }
        throw new NotFound("the attention scores of " + what + ", a MatMul of the query and key projections",
                "the projections " + projections.stream().map(LinearReader.Found::output).toList()
                        + " do not meet in one MatMul after their Reshape and Transpose");
    }

    private Found read(Path query, Path key, Path value, int hidden, String what) {
        int heads = heads(query, what);
        double scale = query.scale() * key.scale();
        String scores = query.matMul().getOutput(0);
        NodeProto softmax = null;
        for (int step = 0; step < 6 && softmax == null; step++) {
            List<NodeProto> next = graph.consumers(scores);
            if (next.size() != 1) {
                break;
            }
            NodeProto node = next.get(0);
            Optional<Float> constant = GraphIndex.otherInput(node, scores).flatMap(graph::scalar);
            switch (node.getOpType()) {
                case "Softmax" -> softmax = node;
                case "Div" -> scale /= constant.orElse(Float.NaN);
                case "Mul" -> scale *= constant.orElse(Float.NaN);
                default -> {
                    // The additive mask (Add of a computed tensor) or a Where leaves the scale alone.
                }
            }
            scores = node.getOutput(0);
        }
        if (softmax == null) {
            throw new NotFound("the Softmax of " + what + "'s attention scores",
                    "the scores '" + query.matMul().getOutput(0) + "' do not reach one through Div, Mul and Add");
        }
        double expected = 1 / Math.sqrt((double) hidden / heads);
        if (!(Math.abs(scale - expected) <= SCALE_TOLERANCE * expected)) {
            throw new NotFound("attention scores of " + what + " scaled by 1/sqrt(head width) = " + expected,
                    "they are scaled by " + scale);
        }
        if (value.matMul() == null || value.operand() != 1
                || !value.matMul().getInput(0).equals(softmax.getOutput(0))) {
            throw new NotFound("the MatMul of " + what + "'s attention probabilities with the value projection",
                    "the Softmax output '" + softmax.getOutput(0) + "' is read by "
                            + GraphIndex.describe(graph.consumers(softmax.getOutput(0))));
        }
        LinearReader.Found output = outputProjection(value.matMul().getOutput(0), hidden, what);
        return new Found(query.projection(), key.projection(), value.projection(), heads, softmax.getOutput(0),
                output);
    }

    /** The heads from the query's Reshape to [batch, sequence, heads, head width]. */
    private int heads(Path query, String what) {
        long[] shape = query.reshape() == null ? null : reshapeTarget(query.reshape().getInput(1));
        if (shape == null || shape.length != 4 || shape[2] <= 0) {
            throw new NotFound("the number of attention heads of " + what + ", from the Reshape of the query to"
                    + " [batch, sequence, heads, head width]", "its shape '"
                    + (query.reshape() == null ? "(no Reshape)" : query.reshape().getInput(1))
                    + "' is neither a constant nor a Concat ending in constant heads and head width");
        }
        return (int) shape[2];
    }

    /** A Reshape's target shape: a constant, or a Concat of computed leading dims and constant trailing ones. */
    private long[] reshapeTarget(String shape) {
        Optional<long[]> constant = graph.longs(shape);
        if (constant.isPresent()) {
            return constant.get();
        }
        Optional<NodeProto> concat = graph.producer(shape, "Concat");
        if (concat.isEmpty()) {
            return null;
        }
        long[] dims = new long[concat.get().getInputCount()];
        for (int i = 0; i < dims.length; i++) {
            Optional<long[]> part = graph.longs(concat.get().getInput(i));
            dims[i] = part.filter(p -> p.length == 1).map(p -> p[0]).orElse(-1L);
        }
        return dims;
    }

    /** From the heads' weighted values through Transpose and Reshape to the linear layer that reads them. */
    private LinearReader.Found outputProjection(String context, int hidden, String what) {
        String current = context;
        for (int step = 0; step < 4; step++) {
            List<LinearReader.Found> readers = linears.readersOf(current).stream()
                    .filter(f -> f.linear().inputs() == hidden && f.linear().outputs() == hidden).toList();
            if (readers.size() == 1) {
                return readers.get(0);
            }
            List<NodeProto> next = graph.consumers(current).stream()
                    .filter(n -> n.getOpType().equals("Transpose") || n.getOpType().equals("Reshape")).toList();
            if (next.size() != 1) {
                break;
            }
            current = next.get(0).getOutput(0);
        }
        throw new NotFound("the attention output projection of " + what, "the merged heads '" + current
                + "' are read by " + GraphIndex.describe(graph.consumers(current)));
    }

    /** From a projection through Reshape/Transpose (and a constant scale) to the MatMul that reads it. */
    private Path toMatMul(LinearReader.Found projection) {
        String current = projection.output();
        NodeProto reshape = null;
        double scale = 1;
        for (int step = 0; step < 6; step++) {
            List<NodeProto> next = graph.consumers(current).stream()
                    .filter(n -> HEAD_SPLITTERS.contains(n.getOpType()) || n.getOpType().equals("MatMul")).toList();
            if (next.size() != 1) {
                break;
            }
            NodeProto node = next.get(0);
            if (node.getOpType().equals("MatMul")) {
                return new Path(projection, reshape, scale, node, node.getInput(0).equals(current) ? 0 : 1);
            }
            if (!node.getInput(0).equals(current)) {
                break;
            }
            Optional<Float> constant = node.getInputCount() == 2 ? graph.scalar(node.getInput(1)) : Optional.empty();
            switch (node.getOpType()) {
                case "Reshape" -> reshape = reshape == null ? node : reshape;
                case "Mul" -> scale *= constant.orElse(Float.NaN);
                case "Div" -> scale /= constant.orElse(Float.NaN);
                default -> {
                    // A Transpose only orders the axes.
                }
            }
            current = node.getOutput(0);
        }
        return new Path(projection, reshape, scale, null, -1);
    }

    /** A projection's way to the MatMul that reads it: the Reshape into heads, any scale, and which operand. */
    private record Path(LinearReader.Found projection, NodeProto reshape, double scale, NodeProto matMul,
            int operand) {
    }
}
