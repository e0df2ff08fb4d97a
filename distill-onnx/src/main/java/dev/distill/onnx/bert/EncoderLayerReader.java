package dev.distill.onnx.bert;

import ai.onnx.proto.OnnxMl.NodeProto;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one post-LN encoder layer from its input tensor: the attention ({@link AttentionReader}), its residual sum
 * and norm, the feed-forward layers with the GELU between them, and their residual sum and norm.
 */
final class EncoderLayerReader {

    /** The ops a GELU is made of, in its exact, tanh and fused forms. */
    private static final Set<String> GELU_OPS = Set.of("Div", "Mul", "Add", "Erf", "Pow", "Tanh", "Gelu", "FastGelu");
    /** How many nodes a GELU may span. */
    private static final int GELU_NODES = 12;

    private final GraphIndex graph;
    private final LinearReader linears;
    private final LayerNormReader norms;
    private final AttentionReader attention;

    EncoderLayerReader(GraphIndex graph) {
        this.graph = graph;
        this.linears = new LinearReader(graph);
        this.norms = new LayerNormReader(graph);
        this.attention = new AttentionReader(graph, linears);
    }

    /** A layer as read, with its heads (one count per layer in the graph). */
    record Found(BertLayerWeights weights, int heads) {
    }

    /** The hidden-to-hidden linear layers that read {@code input}: a layer's query, key and value. */
    List<LinearReader.Found> projections(String input, int hidden) {
        return linears.readersOf(input).stream()
                .filter(f -> f.linear().inputs() == hidden && f.linear().outputs() == hidden).toList();
    }

    /**
     * @param input the layer's input, the previous layer's (or the embeddings') output
     * @param index the layer's place, for errors
     */
    Found read(String input, int hidden, int index) {
        String what = "layer " + index;
        List<LinearReader.Found> projections = projections(input, hidden);
        if (projections.size() != 3) {
            throw new NotFound("the query, key and value projections of " + what, "'" + input + "' is read by "
                    + projections.size() + " linear layers of " + hidden + " to " + hidden + ", not 3");
        }
        AttentionReader.Found heads = attention.read(projections, hidden, what);
        LayerNormReader.Found attentionNorm = norms.of(residual(heads.output().output(), input, what + "'s attention"),
                "the layer norm after " + what + "'s attention");
        String normed = attentionNorm.output();
        List<LinearReader.Found> in = linears.readersOf(normed);
        if (in.size() != 1) {
            throw new NotFound("the feed-forward input layer of " + what, "'" + normed + "' is read by "
                    + in.size() + " linear layers, not 1");
        }
        int feedForward = in.get(0).linear().outputs();
        Gelu gelu = gelu(in.get(0).output(), feedForward, hidden, what);
        LayerNormReader.Found outputNorm = norms.of(residual(gelu.out().output(), normed, what + "'s feed-forward"),
                "the layer norm after " + what + "'s feed-forward");
        BertLayerWeights weights = new BertLayerWeights(heads.query().linear(), heads.key().linear(),
                heads.value().linear(), heads.output().linear(), attentionNorm.norm(), in.get(0).linear(),
                gelu.activation(), gelu.out().linear(), outputNorm.norm(), heads.probabilities(), outputNorm.output());
        return new Found(weights, heads.heads());
    }

    /** The residual sum {@code Add(branch, skip)}, in either order. */
    private String residual(String branch, String skip, String what) {
        return graph.consumers(branch, "Add").stream()
                .filter(add -> GraphIndex.otherInput(add, branch).filter(skip::equals).isPresent())
                .findFirst().map(add -> add.getOutput(0))
                .orElseThrow(() -> new NotFound("the residual sum of " + what + " and its input '" + skip + "'",
                        "'" + branch + "' is read by " + GraphIndex.describe(graph.consumers(branch))));
    }

    private record Gelu(Activation activation, LinearReader.Found out) {
    }

    /** From the feed-forward input layer through the GELU's nodes to the output layer. */
    private Gelu gelu(String start, int feedForward, int hidden, String what) {
        Set<String> seenOps = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(start));
        Set<String> visited = new HashSet<>();
        while (!pending.isEmpty() && visited.size() < GELU_NODES) {
            String tensor = pending.poll();
            if (!visited.add(tensor)) {
                continue;
            }
            Optional<LinearReader.Found> out = linears.readersOf(tensor).stream()
                    .filter(f -> f.linear().inputs() == feedForward && f.linear().outputs() == hidden).findFirst();
            if (out.isPresent()) {
                Activation activation = seenOps.contains("Erf") || seenOps.contains("Gelu") ? Activation.GELU_ERF
                        : seenOps.contains("Tanh") || seenOps.contains("FastGelu") ? Activation.GELU_TANH : null;
                if (activation == null || tensor.equals(start)) {
                    throw new NotFound("a GELU (Erf or Tanh form) between " + what + "'s feed-forward layers",
                            "the activation is made of " + seenOps);
                }
                return new Gelu(activation, out.get());
            }
            for (NodeProto node : graph.consumers(tensor)) {
                if (GELU_OPS.contains(node.getOpType())) {
                    seenOps.add(node.getOpType());
                    pending.addAll(node.getOutputList());
                }
            }
        }
        throw new NotFound("the feed-forward output layer of " + what + " (" + feedForward + " to " + hidden
                + ") after a GELU", "from '" + start + "' only " + seenOps + " nodes lead on");
    }
}
