package dev.distill.onnx.bert;

import java.util.List;
import java.util.Optional;

/**
 * The weights of a BERT-family encoder read from its ONNX graph by {@link BertLayout}: what a transformer student
 * cut from the teacher is initialised with.
 *
 * @param embeddings the embedding block
 * @param layers the encoder layers, first to last
 * @param hidden the hidden width
 * @param heads attention heads per layer
 * @param feedForward the feed-forward layers' inner width
 * @param head the classifier head, for a teacher with a {@code logits} output; empty for an encoder
 */
public record BertWeights(BertEmbeddings embeddings, List<BertLayerWeights> layers, int hidden, int heads,
        int feedForward, Optional<BertHead> head) {

    /** Copies the layer list. */
    public BertWeights {
        layers = List.copyOf(layers);
    }

    /** The longest sequence the position table covers. */
    public int maxPositions() {
        return embeddings.position().rows();
    }

    /** The width of one attention head. */
    public int headWidth() {
        return hidden / heads;
    }

    /** The graph's tensor of the last layer's hidden state. */
    public String lastHiddenState() {
        return layers.get(layers.size() - 1).output();
    }
}
