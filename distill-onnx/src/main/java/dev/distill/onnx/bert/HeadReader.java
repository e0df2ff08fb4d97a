package dev.distill.onnx.bert;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.GraphOutputs;
import dev.distill.onnx.OnnxNodes;

import java.util.Optional;
import java.util.Set;

/**
 * Reads a classifier teacher's head: the linear layer behind {@code logits} (its input found by
 * {@link GraphOutputs#headInput}) and the pooling that makes that input from the last hidden state, a masked mean
 * ({@code ReduceSum(hidden · mask) / count}) or the {@code [CLS]} row ({@code Gather} or {@code Slice} of position
 * 0 along the sequence).
 */
final class HeadReader {

    /** Nodes that carry the mask unchanged in value from {@code attention_mask} to the pooling's Mul. */
    private static final Set<String> MASK_CARRIERS = Set.of("Cast", "Unsqueeze", "Expand", "Identity", "Reshape");

    private final GraphIndex graph;

    HeadReader(GraphIndex graph) {
        this.graph = graph;
    }

    /** The head, or empty for a model without a {@code logits} output. */
    Optional<BertHead> read(ModelProto model, String lastHiddenState) {
        if (graph.graph().getOutputList().stream().noneMatch(o -> o.getName().equals(ClassifierGraph.LOGITS))) {
            return Optional.empty();
        }
        String input;
        try {
            input = GraphOutputs.headInput(model, ClassifierGraph.LOGITS);
        } catch (IllegalArgumentException e) {
            throw new NotFound("the classifier head behind '" + ClassifierGraph.LOGITS + "'", e.getMessage());
        }
        Linear classifier = new LinearReader(graph).readersOf(input).stream()
                .filter(f -> reaches(f.output(), ClassifierGraph.LOGITS)).findFirst()
                .orElseThrow(() -> new NotFound("the weights of the classifier head behind '"
                        + ClassifierGraph.LOGITS + "'", "the linear layer reading '" + input + "' has no constant"
                        + " weight and bias that distill reads")).linear();
        return Optional.of(new BertHead(pooling(input, lastHiddenState), classifier));
    }

    private Pooling pooling(String pooled, String hidden) {
        NodeProto producer = graph.producer(pooled).orElse(null);
        if (producer != null && producer.getOpType().equals("Div") && isMaskedSum(producer.getInput(0), hidden)) {
            return Pooling.MASKED_MEAN;
        }
        boolean squeezed = producer != null
                && (producer.getOpType().equals("Squeeze") || producer.getOpType().equals("Reshape"));
        String row = squeezed ? producer.getInput(0) : pooled;
        if (isFirstRow(row, hidden)) {
            return Pooling.CLS;
        }
        throw new NotFound("the pooling of the last hidden state '" + hidden + "' that the classifier head reads"
                + " (a masked mean or the [CLS] row)", "the head reads '" + pooled + "', made by "
                + (producer == null ? "no node" : producer.getOpType() + " '" + producer.getName() + "'"));
    }

    /** {@code ReduceSum(hidden · mask, axis 1)}, the mask from {@code attention_mask}. */
    private boolean isMaskedSum(String sum, String hidden) {
        return graph.producer(sum, "ReduceSum")
                .flatMap(reduce -> graph.producer(reduce.getInput(0), "Mul"))
                .flatMap(mul -> GraphIndex.otherInput(mul, hidden))
                .filter(this::comesFromMask)
                .isPresent();
    }

    private boolean comesFromMask(String tensor) {
        String current = tensor;
        for (int step = 0; step < 6; step++) {
            if (current.equals(ClassifierGraph.ATTENTION_MASK)) {
                return true;
            }
            Optional<NodeProto> producer = graph.producer(current).filter(n -> MASK_CARRIERS.contains(n.getOpType()));
            if (producer.isEmpty()) {
                return false;
            }
            current = producer.get().getInput(0);
        }
        return false;
    }

    /** {@code Gather(hidden, 0, axis 1)} or {@code Slice(hidden, 0, 1, axis 1)}. */
    private boolean isFirstRow(String row, String hidden) {
        Optional<NodeProto> producer = graph.producer(row).filter(n -> n.getInput(0).equals(hidden));
        if (producer.isEmpty()) {
            return false;
        }
        NodeProto node = producer.get();
        if (node.getOpType().equals("Gather")) {
            return OnnxNodes.intAttribute(node, "axis", 0) == 1
                    && graph.longs(node.getInput(1)).filter(i -> i.length == 1 && i[0] == 0).isPresent();
        }
        if (node.getOpType().equals("Slice") && node.getInputCount() >= 4) {
            return graph.longs(node.getInput(1)).filter(s -> s.length == 1 && s[0] == 0).isPresent()
                    && graph.longs(node.getInput(2)).filter(e -> e.length == 1 && e[0] == 1).isPresent()
                    && graph.longs(node.getInput(3)).filter(a -> a.length == 1 && a[0] == 1).isPresent();
        }
        return false;
    }

    private boolean reaches(String tensor, String output) {
        String current = tensor;
        for (int step = 0; step < 4; step++) {
            if (current.equals(output)) {
                return true;
            }
            Optional<NodeProto> identity = graph.consumers(current, "Identity").stream().findFirst();
            if (identity.isEmpty()) {
                return false;
            }
            current = identity.get().getOutput(0);
        }
        return false;
    }
}
