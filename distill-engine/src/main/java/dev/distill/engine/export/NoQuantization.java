package dev.distill.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Quantization;
import dev.distill.onnx.quantize.QuantizationReport;
import dev.distill.onnx.quantize.QuantizedModel;
import java.util.List;

/** {@link Quantization#NONE}: the float32 model is packaged as it is, with an empty report. */
public final class NoQuantization implements Quantizer {

    @Override
    public Quantization quantization() {
        return Quantization.NONE;
    }

    @Override
    public QuantizedModel quantize(ModelProto fp32) {
        return new QuantizedModel(fp32, new QuantizationReport(List.of()));
    }
}
