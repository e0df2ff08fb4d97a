package dev.distill.engine.student;

import ai.djl.nn.Block;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentWeights;

/**
 * A student network, written in DJL with exactly the math of the student specification shared with
 * the ONNX exporter (the graphs in {@code dev.distill.onnx.student}), which must agree with this
 * network to 1e-4 on the same weights. A student is its own DJL {@link Block}: it takes {@code [tokenIds
 * (int64 [B, L]), mask (float32 [B, L])]} as built by {@link StudentInputs} and returns {@code
 * [logits (float32 [B, C])]}. Dropout acts only in training forward passes.
 *
 * <p>Create one with {@link StudentDesign#create}; each architecture's network lives in its package.
 */
public interface Student extends Block {

    /** The architecture and sizes of this student, as the writer of its ONNX graph. */
    StudentGraphWriter graph();

    /**
     * Copies the current parameters out in the exporter's layout (PyTorch's: Linear weight {@code
     * [out, in]}, LSTM gates i, f, g, o), named and shaped as {@link StudentGraphWriter#tensorShapes()} lists
     * them (and checked against it).
     *
     * @return the weights, in the spec's order
     * @throws IllegalStateException if the block has not been initialized
     */
    StudentWeights exportWeights();
}
