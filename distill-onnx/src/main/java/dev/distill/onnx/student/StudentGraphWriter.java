package dev.distill.onnx.student;

/** Writes one architecture's forward pass, from the graph inputs to the {@code logits} output. */
interface StudentGraphWriter {

    /**
     * Adds the nodes and initializers that compute the logits [batch, classes] and returns the name of
     * the last node's output (not yet exact: the caller names the graph output).
     */
    String writeLogits(StudentLayers layers, StudentShape shape);
}
