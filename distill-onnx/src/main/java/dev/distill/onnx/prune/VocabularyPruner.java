package dev.distill.onnx.prune;

import static dev.distill.contract.ClassifierGraph.INPUT_IDS;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxNodes;
import dev.distill.onnx.OnnxTensors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Drops the embedding rows of tokens a model will never see. Every embedding lookup
 * ({@code Gather(table, input_ids)}, float or int8, with its int8 row scales) keeps only the rows of the
 * kept ids, and a new {@code Gather} on an int32 table [V] maps each original id to its new row; ids
 * never seen map to the row of a fallback id such as [UNK]. The graph still takes the teacher
 * tokenizer's ids, and the logits for kept ids do not change. Any other node that reads {@code input_ids} (the bag of
 * embeddings hashes pairs of ids into its bigram table) is given {@link #PRUNED_INPUT_IDS} instead: each id mapped
 * to its kept row and back to that row's original id, so an unseen id is the fallback id there too and a kept one
 * is unchanged (its hash, and so its bigram row, is the one it was trained with).
 */
public final class VocabularyPruner {

    /**
     * The ids as the pruned model reads them (an unseen id replaced by the fallback id), which the readers of
     * {@code input_ids} other than the embedding lookups read instead (a bag's bigram hash); only written when there
     * are such readers.
     */
    public static final String PRUNED_INPUT_IDS = "pruned_input_ids";

    /** Metadata key recording the pruning (original and kept rows). */
    public static final String METADATA_KEY = "distill.vocabulary_pruning";

    private VocabularyPruner() {
    }

    /**
     * Prunes the embedding tables of {@code model}.
     *
     * @param seenIds    token ids seen in the data the model will serve (e.g. the training set)
     * @param specialIds ids to keep whether seen or not ([CLS], [SEP], [PAD], [UNK], ...)
     * @param fallbackId the id whose row unseen ids use, usually [UNK]; it is always kept
     * @throws IllegalArgumentException if the model has no embedding lookup on {@code input_ids}, or an id
     *                                  is outside [0, V)
     */
    public static PrunedModel prune(ModelProto model, Set<Long> seenIds, Set<Long> specialIds, long fallbackId) {
        OnnxGraph graph = OnnxGraph.extend(model);
        List<NodeProto> lookups = embeddingLookups(graph);
        int vocabulary = Math.toIntExact(graph.findInitializer(lookups.get(0).getInput(0)).orElseThrow().getDims(0));
        int[] rows = keptRows(vocabulary, seenIds, specialIds, fallbackId);

        int[] newRowOfId = new int[vocabulary];
        Arrays.fill(newRowOfId, -1);
        for (int row = 0; row < rows.length; row++) {
            newRowOfId[rows[row]] = row;
        }
        int fallbackRow = newRowOfId[(int) fallbackId];
        for (int id = 0; id < vocabulary; id++) {
            newRowOfId[id] = newRowOfId[id] < 0 ? fallbackRow : newRowOfId[id];
        }
        // Whatever else reads the ids (a bag's bigram hash) reads them as the pruned model does: an unseen id is
        // the fallback id, a kept one itself, so that a token the lookups read as [UNK] is [UNK] everywhere.
        boolean otherReaders = graph.nodes().stream()
                .anyMatch(node -> !lookups.contains(node) && node.getInputList().contains(INPUT_IDS));
        String remapped = graph.node("Gather")
                .inputs(graph.ints("vocabulary_row_of_id", newRowOfId, vocabulary), INPUT_IDS)
                .output("embedding_row");

        String keptIds = otherReaders ? graph.node("Gather")
                .inputs(graph.longs("vocabulary_id_of_row", Arrays.stream(rows).asLongStream().toArray(), rows.length),
                        remapped)
                .output(PRUNED_INPUT_IDS) : null;
        List<NodeProto> rewired = new ArrayList<>();
        for (NodeProto node : graph.nodes()) {
            if (lookups.contains(node)) {
                String table = node.getInput(0);
                graph.replaceInitializer(keepRows(graph.findInitializer(table).orElseThrow(), rows));
                rewired.add(node.toBuilder().setInput(1, remapped).build());
            } else if (keptIds != null && !node.getOutputList().contains(remapped)
                    && !node.getOutputList().contains(keptIds) && node.getInputList().contains(INPUT_IDS)) {
                NodeProto.Builder reader = node.toBuilder();
                for (int i = 0; i < node.getInputCount(); i++) {
                    if (node.getInput(i).equals(INPUT_IDS)) {
                        reader.setInput(i, keptIds);
                    }
                }
                rewired.add(reader.build());
            } else {
                rewired.add(node);
            }
        }
        graph.replaceNodes(rewired);
        graph.sortTopologically();
        graph.metadata(METADATA_KEY, "{\"original_rows\":" + vocabulary + ",\"kept_rows\":" + rows.length
                + ",\"fallback_id\":" + fallbackId + "}");
        ModelProto pruned = graph.build();
        return new PrunedModel(pruned, vocabulary, rows.length, model.getSerializedSize(), pruned.getSerializedSize());
    }

    /** The Gathers on axis 0 that look up {@code input_ids} in a constant table, all with the same row count. */
    private static List<NodeProto> embeddingLookups(OnnxGraph graph) {
        List<NodeProto> lookups = new ArrayList<>();
        Set<Long> rowCounts = new TreeSet<>();
        for (NodeProto node : graph.nodes()) {
            if (node.getOpType().equals("Gather") && node.getDomain().isEmpty() && node.getInputCount() == 2
                    && node.getInput(1).equals(INPUT_IDS) && OnnxNodes.intAttribute(node, "axis", 0) == 0) {
                graph.findInitializer(node.getInput(0)).ifPresent(table -> {
                    lookups.add(node);
                    rowCounts.add(table.getDims(0));
                });
            }
        }
        if (lookups.isEmpty()) {
            throw new IllegalArgumentException("the model has no embedding lookup (Gather of a constant table by '"
                    + INPUT_IDS + "') to prune");
        }
        if (rowCounts.size() != 1) {
            throw new IllegalArgumentException("the embedding lookups on '" + INPUT_IDS
                    + "' disagree on the vocabulary size: " + rowCounts);
        }
        return lookups;
    }

    /**
     * The ids whose rows pruning keeps, ascending: the seen ids, the special ids and the fallback id. The engine trains
     * only these rows of a student's table when the vocabulary will be pruned, so it asks here.
     *
     * @param vocabulary the number of rows of the table
     * @throws IllegalArgumentException if an id is outside [0, vocabulary)
     */
    public static int[] keptRows(int vocabulary, Set<Long> seenIds, Set<Long> specialIds, long fallbackId) {
        TreeSet<Long> kept = new TreeSet<>(seenIds);
        kept.addAll(specialIds);
        kept.add(fallbackId);
        for (long id : kept) {
            if (id < 0 || id >= vocabulary) {
                String role = id == fallbackId ? "fallback id" : specialIds.contains(id) ? "special id" : "seen id";
                throw new IllegalArgumentException(role + " " + id + " is outside the model's vocabulary [0, "
                        + vocabulary + ")");
            }
        }
        return kept.stream().mapToInt(Long::intValue).toArray();
    }

    /** The table with only the given rows, in that order, whatever its element type. */
    private static TensorProto keepRows(TensorProto table, int[] rows) {
        byte[] raw = rawBytes(table);
        int rowBytes = raw.length / Math.toIntExact(table.getDims(0));
        byte[] kept = new byte[rows.length * rowBytes];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(raw, rows[i] * rowBytes, kept, i * rowBytes, rowBytes);
        }
        return table.toBuilder().clearFloatData().clearInt32Data().setDims(0, rows.length)
                .setRawData(ByteString.copyFrom(kept)).build();
    }

    private static byte[] rawBytes(TensorProto table) {
        if (!table.getRawData().isEmpty()) {
            return table.getRawData().toByteArray();
        }
        return switch (TensorProto.DataType.forNumber(table.getDataType())) {
            case FLOAT -> OnnxTensors.floats(table.getName(), OnnxTensors.toFloats(table), OnnxTensors.shape(table))
                    .getRawData().toByteArray();
            case INT8 -> OnnxTensors.toInt8s(table);
            default -> throw new IllegalArgumentException("embedding table '" + table.getName()
                    + "' has an element type pruning does not handle: " + table.getDataType());
        };
    }
}
