package dev.distill.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Quantization;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.quantize.QuantizedModel;
import java.util.Optional;

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

    /**
     * A more conservative quantizer to try when this one's answers fail the int8 check, or empty when
     * there is none. It quantizes less, so it keeps more of the float model's answers.
     */
    default Optional<Quantizer> fallback() {
        return Optional.empty();
    }

    /** What this quantizer quantizes, in a few words, for the log and the report. */
    default String describe() {
        return quantization().name();
    }

    /**
     * The quantizer for a {@code quantization} setting.
     *
     * @param int8 how the student's architecture makes its int8 model
     *     ({@link dev.distill.engine.student.StudentArchitecture#int8Quantizer})
     */
    static Quantizer of(Quantization quantization, DynamicInt8Quantizer int8) {
        return switch (quantization) {
            case NONE -> new NoQuantization();
            case INT8 -> new DynamicInt8(int8);
        };
    }
}
