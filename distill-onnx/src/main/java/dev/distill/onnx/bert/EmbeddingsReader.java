package dev.distill.onnx.bert;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.distill.onnx.GatheredTable;
import dev.distill.onnx.WordEmbeddingTable;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the embedding block: from the word-embedding {@code Gather} ({@link WordEmbeddingTable} finds it) along the
 * {@code Add}s that sum it with the other looked-up rows, each the output of a {@code Gather} (dequantized or not)
 * of a table; a table whose ids come from {@code token_type_ids} (or are a constant) is the token-type table, the
 * other the position table, whose ids must count 0, 1, ... along the sequence. The sum's layer norm ends the
 * block.
 */
final class EmbeddingsReader {

    /** The input of the token-type ids. */
    static final String TOKEN_TYPE_IDS = "token_type_ids";
    /** Nodes that carry ids unchanged (or only reshaped) from an input to a Gather. */
    private static final Set<String> ID_CARRIERS = Set.of("Cast", "Identity", "Unsqueeze", "Reshape", "Expand");

    private final GraphIndex graph;

    EmbeddingsReader(GraphIndex graph) {
        this.graph = graph;
    }

    BertEmbeddings read(ModelProto model) {
        WordEmbeddingTable.Lookup lookup = WordEmbeddingTable.find(model);
        WordEmbeddingTable word = lookup.table().orElseThrow(() -> new NotFound("a word-embedding table, a Gather"
                + " on '" + WordEmbeddingTable.INPUT_IDS + "' of a [vocabulary, width] initializer", lookup.reason()));
        NodeProto wordGather = graph.graph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("Gather") && n.getInput(0).equals(word.initializer()))
                .findFirst().orElseThrow();
        String sum = rows(wordGather);
        GatheredTable position = null;
        GatheredTable tokenType = null;
        for (Optional<NodeProto> add = onlyAdd(sum); add.isPresent(); add = onlyAdd(sum)) {
            Optional<NodeProto> gather = GraphIndex.otherInput(add.get(), sum).flatMap(this::gatherBehind);
            if (gather.isEmpty()) {
                break;
            }
            GatheredTable.Read read = GatheredTable.read(graph.graph(), gather.get(), graph.initializers());
            GatheredTable table = read.table().orElseThrow(() -> new NotFound("the embedding tables added to the"
                    + " word embeddings", read.reason()));
            String ids = gather.get().getInput(1);
            // An export without token_type_ids may look the token-type row up with a constant id.
            if (readsFrom(ids, TOKEN_TYPE_IDS) || graph.longs(ids).isPresent()) {
                tokenType = table;
            } else if (position == null) {
                checkPositionsCountFromZero(ids);
                position = table;
            } else {
                throw new NotFound("one position-embedding table", "a second table, " + table.initializer()
                        + ", is added to the word embeddings with ids '" + ids + "' from neither "
                        + TOKEN_TYPE_IDS + " nor a constant");
            }
            sum = add.get().getOutput(0);
        }
        if (position == null) {
            String rows = tokenType == null ? "the word rows '" + sum + "' are" : "the sum '" + sum + "' is";
            throw new NotFound("a position-embedding table (a Gather of a [positions, width] initializer) added to"
                    + " the word embeddings", rows + " read by " + GraphIndex.describe(graph.consumers(sum)));
        }
        LayerNormReader.Found norm = new LayerNormReader(graph).of(sum, "the layer norm of the embeddings");
        return new BertEmbeddings(word.asGatheredTable(), position, Optional.ofNullable(tokenType), norm.norm(),
                norm.output());
    }

    /** The float rows a Gather looks up: its output, or the DequantizeLinear's of an 8-bit table. */
    private String rows(NodeProto gather) {
        return graph.consumers(gather.getOutput(0), "DequantizeLinear").stream().findFirst()
                .map(dequantize -> dequantize.getOutput(0)).orElse(gather.getOutput(0));
    }

    private Optional<NodeProto> onlyAdd(String tensor) {
        List<NodeProto> adds = graph.consumers(tensor, "Add");
        return graph.consumers(tensor).size() == 1 && adds.size() == 1 ? Optional.of(adds.get(0)) : Optional.empty();
    }

    /** The table Gather whose rows {@code tensor} is (through a DequantizeLinear for an 8-bit table). */
    private Optional<NodeProto> gatherBehind(String tensor) {
        String quantized = graph.producer(tensor, "DequantizeLinear").map(d -> d.getInput(0)).orElse(tensor);
        return graph.producer(quantized, "Gather")
                .filter(g -> graph.stored(g.getInput(0)).filter(t -> t.getDimsCount() == 2).isPresent());
    }

    /**
     * Positions must be 0, 1, ... along the sequence, as BERT's are: a {@code Range} from 0 by 1, or a
     * {@code Slice} from 0 of a constant {@code position_ids} that counts from 0. (RoBERTa-style positions counted
     * from the mask are not BERT's, and a student given them as 0, 1, ... would compute something else.)
     */
    private void checkPositionsCountFromZero(String ids) {
        String current = ids;
        for (int step = 0; step < 8; step++) {
            Optional<NodeProto> producer = graph.producer(current);
            if (producer.isEmpty()) {
                break;
            }
            NodeProto node = producer.get();
            if (ID_CARRIERS.contains(node.getOpType())) {
                current = node.getInput(0);
                continue;
            }
            if (node.getOpType().equals("Range") && isLong(node.getInput(0), 0) && isLong(node.getInput(2), 1)) {
                return;
            }
            if (node.getOpType().equals("Slice") && isLong(node.getInput(1), 0)
                    && graph.longs(node.getInput(0)).filter(EmbeddingsReader::countsFromZero).isPresent()) {
                return;
            }
            break;
        }
        String source = graph.producer(current).map(n -> n.getOpType() + " '" + n.getName() + "'")
                .orElse("'" + current + "'");
        throw new NotFound("position ids 0, 1, ... along the sequence (a Range from 0, or a Slice of a constant"
                + " 0, 1, ...)", "the position table's ids '" + ids + "' come from " + source);
    }

    private boolean isLong(String tensor, long value) {
        return graph.longs(tensor).filter(v -> v.length == 1 && v[0] == value).isPresent();
    }

    private static boolean countsFromZero(long[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** Whether the ids {@code tensor} come from the graph input {@code input}. */
    private boolean readsFrom(String tensor, String input) {
        String current = tensor;
        for (int step = 0; step < 8; step++) {
            if (current.equals(input)) {
                return true;
            }
            Optional<NodeProto> producer = graph.producer(current).filter(n -> ID_CARRIERS.contains(n.getOpType()));
            if (producer.isEmpty()) {
                return false;
            }
            current = producer.get().getInput(0);
        }
        return false;
    }
}
