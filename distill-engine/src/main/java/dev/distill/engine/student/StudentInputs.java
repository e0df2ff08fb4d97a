package dev.distill.engine.student;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.distill.runtime.InputBatch;

/**
 * One batch of student inputs, in the two forms a student runs on: the arrays its DJL network takes
 * ({@link #toNDList}, for training and the engine's own inference) and, as an {@link InputBatch},
 * the named tensors its ONNX graph takes (for the export checks in ONNX Runtime). One object builds
 * both, so the network and its export are fed the same examples. The input names, element types and
 * shapes are those of the batch's {@link #kind()}, whose {@code studentTensors()} the student graph
 * declares.
 *
 * <p>{@link TokenIdBatch} (token ids and mask) is the text batch and
 * {@code student.mlp.FeatureRowBatch} the tabular one; an image student would bring its own batch,
 * beside its architecture (docs/design.md, "Inputs").
 */
public interface StudentInputs extends InputBatch {

    /**
     * The arrays the student's DJL network takes, in the order of its kind's {@code studentTensors()}.
     *
     * @param manager where the arrays are created (and on which device)
     */
    NDList toNDList(NDManager manager);
}
