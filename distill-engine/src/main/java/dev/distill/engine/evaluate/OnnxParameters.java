package dev.distill.engine.evaluate;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.distill.onnx.OnnxTensors;

/** Counts a model's weights from its ONNX initializers, so teacher and student are counted alike. */
public final class OnnxParameters {

    private OnnxParameters() {
    }

    /** Elements of every floating-point or int8 initializer (lookup tables and shapes are not weights). */
    public static long count(ModelProto model) {
        long n = 0;
        for (TensorProto tensor : model.getGraph().getInitializerList()) {
            int type = tensor.getDataType();
            if (type == TensorProto.DataType.FLOAT_VALUE || type == TensorProto.DataType.FLOAT16_VALUE
                    || type == TensorProto.DataType.INT8_VALUE || type == TensorProto.DataType.UINT8_VALUE) {
                n += OnnxTensors.elementCount(OnnxTensors.shape(tensor));
            }
        }
        return n;
    }
}
