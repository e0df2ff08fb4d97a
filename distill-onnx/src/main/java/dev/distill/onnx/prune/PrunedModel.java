package dev.distill.onnx.prune;

import ai.onnx.proto.OnnxMl.ModelProto;

/**
 * The result of {@link VocabularyPruner#prune}.
 *
 * @param model        the pruned model; it still takes the teacher tokenizer's ids
 * @param originalRows the vocabulary size before pruning
 * @param keptRows     the embedding rows left
 * @param bytesBefore  the serialized size of the input model
 * @param bytesAfter   the serialized size of the pruned model
 */
public record PrunedModel(ModelProto model, int originalRows, int keptRows, long bytesBefore, long bytesAfter) {

    /** How many bytes pruning saved (negative if the lookup table outweighs the rows removed). */
    public long bytesSaved() {
        return bytesBefore - bytesAfter;
    }
}
