package dev.distill.engine.student;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.distill.contract.InputKind;
import dev.distill.runtime.InputBatch;
import dev.distill.runtime.TensorBuffers;
import java.util.Map;
import java.util.Set;

/**
 * Student inputs of one float row per example (tabular rows, images): the ONNX side is the runtime's own batch of
 * that kind, which this delegates to, and each subclass gives only its DJL arrays ({@link #toNDList}), so that the
 * network and its export read the same values.
 */
public abstract class RowInputs implements StudentInputs {
    private final InputBatch onnx;

    /** @param onnx the runtime's batch of the same rows, as the student's ONNX graph takes them */
    protected RowInputs(InputBatch onnx) {
        this.onnx = onnx;
    }

    @Override
    public final InputKind kind() {
        return onnx.kind();
    }

    @Override
    public final int size() {
        return onnx.size();
    }

    @Override
    public final void addTensors(OrtEnvironment environment, Set<String> declared, TensorBuffers buffers,
            Map<String, OnnxTensor> into) throws OrtException {
        onnx.addTensors(environment, declared, buffers, into);
    }

    @Override
    public final String describe() {
        return onnx.describe();
    }
}
