package dev.distill.engine.student;

import dev.distill.onnx.student.StudentGraphWriter;

/**
 * An architecture's forward pass written straight from the student specification, not from its graph writer or its
 * network: the reference its {@link StudentArchitectureContract} holds both to.
 *
 * @param <G> the architecture's graph writer, which gives the sizes
 */
@FunctionalInterface
public interface SpecForward<G extends StudentGraphWriter> {

    /**
     * The logits of one text, one row in double precision.
     *
     * @param graph the student's sizes
     * @param spec  its weights, with the specification's pieces of math
     * @param ids   the text's token ids, its real tokens only (no padding)
     */
    double[] logits(G graph, SpecMath spec, int[] ids);
}
