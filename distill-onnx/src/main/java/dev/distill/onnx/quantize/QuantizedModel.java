package dev.distill.onnx.quantize;

import ai.onnx.proto.OnnxMl.ModelProto;

/**
 * The result of {@link DynamicInt8Quantizer#quantize}.
 *
 * @param model  the int8 model (same inputs and outputs as the float one)
 * @param report what was quantized, also stored in the model's metadata
 */
public record QuantizedModel(ModelProto model, QuantizationReport report) {
}
