package dev.distill.onnx.student;

import dev.distill.annotations.Architecture;
import java.util.Map;

/**
 * Test fixture: the smallest student graph there is, written with this module's student library, for the tests of
 * the library itself (graph writing, metadata, the quantizer, the pruner) and for distill-runtime's test student
 * ({@code testing.StudentFixture}), where the real students (the engine's) are out of reach: logits = out(the mean
 * of the real tokens' embeddings). It is the bag of embeddings without its hidden layer, so its output layer is
 * linear in the mean embedding.
 *
 * @param sizes the embedding table's and the output layer's sizes
 */
public record MeanEmbeddingGraph(StudentSizes sizes) implements StudentGraphWriter {

    /** V={@value RandomStudents#VOCABULARY}, d=32, C=3. */
    public static MeanEmbeddingGraph small() {
        return new MeanEmbeddingGraph(new StudentSizes(RandomStudents.VOCABULARY, 32, 3));
    }

    /** Recorded as the bag of embeddings, of which this is the form without a hidden layer. */
    @Override
    public Architecture architecture() {
        return Architecture.BAG_OF_EMBEDDINGS;
    }

    @Override
    public Map<String, long[]> layerTensorShapes() {
        return Map.of();
    }

    @Override
    public long featureSize() {
        return sizes.embeddingSize();
    }

    @Override
    public String writeFeatures(StudentLayers layers) {
        String sum = layers.ops().reduceSum(layers.maskedEmbedded(), false, "embedding_sum", 1);
        String length = layers.ops().reduceSum(layers.maskFloat(), true, "length", 1);
        return layers.ops().binary("Div", sum, length, "mean_embedding");
    }
}
