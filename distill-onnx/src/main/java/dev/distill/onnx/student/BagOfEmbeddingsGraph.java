package dev.distill.onnx.student;

/** h = masked mean of the token embeddings; logits = out(relu(fc1(h))). */
final class BagOfEmbeddingsGraph implements StudentGraphWriter {

    @Override
    public String writeLogits(StudentLayers layers, StudentShape shape) {
        String sum = layers.ops().reduceSum(layers.maskedEmbedded(), false, "embedding_sum", 1);
        String length = layers.ops().reduceSum(layers.maskFloat(), true, "length", 1);
        String mean = layers.ops().binary("Div", sum, length, "mean_embedding");
        return layers.linear(layers.relu(layers.linear(mean, "fc1")), "out");
    }
}
