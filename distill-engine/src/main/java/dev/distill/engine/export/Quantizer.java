package dev.distill.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Quantization;
import dev.distill.onnx.quantize.QuantizedModel;

/** Turns a float32 student model into the model that is packaged, and says what it quantized. */
public interface Quantizer {

    /** The setting this quantizer implements. */
    Quantization quantization();

    /**
     * Quantizes a model.
     *
     * @param fp32 the float32 model
     * @return the model to package (same inputs and outputs) and the report of what was quantized
     */
    QuantizedModel quantize(ModelProto fp32);

    /** The quantizer for a {@code quantization} setting. */
    static Quantizer of(Quantization quantization) {
        return switch (quantization) {
            case NONE -> new NoQuantization();
            case INT8 -> new DynamicInt8();
        };
    }
}
