package dev.distill.engine.student.mlp;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.distill.contract.InputKind;
import dev.distill.engine.student.StudentInputs;
import dev.distill.runtime.FeatureBatch;
import dev.distill.runtime.TensorBuffers;
import java.util.Map;
import java.util.Set;

/**
 * A batch of tabular rows in the two forms an MLP student runs on: float {@code [B, F]} for its DJL network and the
 * runtime's {@link FeatureBatch} ({@code features}) for its ONNX graph, from the same raw values.
 */
public final class FeatureRowBatch implements StudentInputs {
    private final float[][] rows;
    private final FeatureBatch onnx;

    /** @param rows raw feature values, all rows of one width */
    public FeatureRowBatch(float[][] rows) {
        this.rows = rows;
        this.onnx = new FeatureBatch(rows);
    }

    @Override
    public NDList toNDList(NDManager manager) {
        return new NDList(manager.create(rows));
    }

    @Override
    public InputKind kind() {
        return InputKind.TABULAR;
    }

    @Override
    public int size() {
        return rows.length;
    }

    @Override
    public void addTensors(OrtEnvironment environment, Set<String> declared, TensorBuffers buffers,
            Map<String, OnnxTensor> into) throws OrtException {
        onnx.addTensors(environment, declared, buffers, into);
    }

    @Override
    public String describe() {
        return onnx.describe();
    }
}
