package dev.distill.engine.student;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.distill.engine.signal.Signal;
import java.util.Set;

/**
 * DJL's block plumbing that the students over rows share (MLP, IMAGE_CNN), as {@link StudentNetwork} holds it for the
 * text students: the logits as the block's output, their shape, one input tensor, and no layered inner signals.
 */
public abstract class RowStudentNetwork extends AbstractBlock implements RowStudent {

    private static final byte VERSION = 1;

    private final int numClasses;
    private final String takes;

    /**
     * @param numClasses the width of the logits
     * @param takes what the student reads, for an error, e.g. {@code an MLP student takes [features]}
     */
    protected RowStudentNetwork(int numClasses, String takes) {
        super(VERSION);
        this.numClasses = numClasses;
        this.takes = takes;
    }

    /** @return the one tensor of {@code inputs} */
    protected final NDArray onlyInput(NDList inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(takes + "; got " + inputs.size() + " inputs");
        }
        return inputs.get(0);
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), numClasses)};
    }

    @Override
    protected final NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(outputs(parameterStore, inputs, training).logits());
    }

    /** @throws UnsupportedOperationException always: a student over rows reads no tokens, it has no embedding table */
    @Override
    public final void trainOnly(TrainedRows rows) {
        throw new UnsupportedOperationException(takes + ": it has no embedding table whose rows could be chosen");
    }

    /** No layered inner signals (no tokens, no attention): the plain outputs, whatever is asked. */
    @Override
    public final StudentOutputs outputs(ParameterStore parameterStore, NDList inputs, boolean training,
            Set<Signal> inner) {
        return outputs(parameterStore, inputs, training);
    }
}
