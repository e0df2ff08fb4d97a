package dev.distill.onnx.student;

import dev.distill.annotations.Architecture;
import java.util.Map;

/**
 * The smallest student graph there is, for the tests of the library itself (graph writing, metadata, the
 * quantizer, the pruner) where distill-onnx has no real student (those are the engine's): the sum of the real
 * tokens' embeddings, then the output layer {@code out}. It has no tensors between the two.
 *
 * @param sizes the embedding table's and the output layer's sizes
 */
public record SumGraph(StudentSizes sizes) implements StudentGraphWriter {

    /** V={@value RandomStudents#VOCABULARY}, d=32, C=3. */
    public static SumGraph small() {
        return new SumGraph(new StudentSizes(RandomStudents.VOCABULARY, 32, 3));
    }

    /** Recorded as the bag of embeddings, of which this is the cut-down form (a sum, no hidden layer). */
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
        return layers.ops().reduceSum(layers.maskedEmbedded(), false, "embedding_sum", 1);
    }
}
