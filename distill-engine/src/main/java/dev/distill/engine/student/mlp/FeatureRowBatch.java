package dev.distill.engine.student.mlp;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.distill.engine.student.RowInputs;
import dev.distill.runtime.FeatureBatch;

/**
 * A batch of tabular rows in the two forms an MLP student runs on: float {@code [B, F]} for its DJL network and the
 * runtime's {@link FeatureBatch} ({@code features}) for its ONNX graph, from the same raw values.
 */
public final class FeatureRowBatch extends RowInputs {
    private final float[][] rows;

    /** @param rows raw feature values, all rows of one width */
    public FeatureRowBatch(float[][] rows) {
        super(new FeatureBatch(rows));
        this.rows = rows;
    }

    @Override
    public NDList toNDList(NDManager manager) {
        return new NDList(manager.create(rows));
    }
}
