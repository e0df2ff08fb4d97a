package dev.distill.runtime.testing;

import dev.distill.annotations.Architecture;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentLayers;
import dev.distill.onnx.student.StudentSizes;
import java.util.Map;

/**
 * The test student of {@link StudentFixture}, written with distill-onnx's student library (the real students are
 * the engine's, which the runtime must not depend on): logits = out(the mean of the real tokens' embeddings), the
 * bag of embeddings without its hidden layer, so that its head is linear in the mean embedding.
 *
 * @param sizes the embedding table's and the output layer's sizes
 */
record MeanEmbeddingGraph(StudentSizes sizes) implements StudentGraphWriter {

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
