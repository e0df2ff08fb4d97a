package dev.distill.engine.student.bag;

import dev.distill.annotations.Architecture;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentLayers;
import dev.distill.onnx.student.StudentSizes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link Architecture#BAG_OF_EMBEDDINGS}: h = masked mean of the token embeddings; logits = out(relu(fc1(h))).
 *
 * @param sizes      the sizes every student has
 * @param hiddenSize H, the units of the hidden layer {@code fc1}
 */
public record BagOfEmbeddingsGraph(StudentSizes sizes, int hiddenSize) implements StudentGraphWriter {

    /** @throws IllegalArgumentException if the hidden size is not positive ({@link StudentSizes#requireHiddenSize}) */
    public BagOfEmbeddingsGraph {
        StudentSizes.requireHiddenSize(hiddenSize);
    }

    @Override
    public Architecture architecture() {
        return Architecture.BAG_OF_EMBEDDINGS;
    }

    @Override
    public Map<String, long[]> layerTensorShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("fc1.w", new long[] {hiddenSize, sizes.embeddingSize()});
        shapes.put("fc1.b", new long[] {hiddenSize});
        return shapes;
    }

    @Override
    public long featureSize() {
        return hiddenSize;
    }

    @Override
    public String writeFeatures(StudentLayers layers) {
        String sum = layers.ops().reduceSum(layers.maskedEmbedded(), false, "embedding_sum", 1);
        String length = layers.ops().reduceSum(layers.maskFloat(), true, "length", 1);
        String mean = layers.ops().binary("Div", sum, length, "mean_embedding");
        return layers.relu(layers.linear(mean, "fc1"));
    }
}
