package dev.distill.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Quantization;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.quantize.QuantizedModel;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Quantization#INT8}: distill-onnx's {@link DynamicInt8Quantizer} with its defaults (int8 embedding rows,
 * {@code DynamicQuantizeLSTM}, {@code DynamicQuantizeMatMul} for dense layers of at least 16K weights; Conv stays
 * float, as ONNX Runtime's {@code ConvInteger} was measured slower than a float Conv).
 */
public final class DynamicInt8 implements Quantizer {

    private final DynamicInt8Quantizer quantizer;

    /** The default quantizer. */
    public DynamicInt8() {
        this(new DynamicInt8Quantizer());
    }

    /** A quantizer configured otherwise (for example {@link DynamicInt8Quantizer#withMinDenseElements}). */
    public DynamicInt8(DynamicInt8Quantizer quantizer) {
        this.quantizer = Objects.requireNonNull(quantizer, "quantizer");
    }

    @Override
    public Quantization quantization() {
        return Quantization.INT8;
    }

    @Override
    public QuantizedModel quantize(ModelProto fp32) {
        return quantizer.quantize(fp32);
    }

    /** With LSTMs quantized, the fallback keeps them in float (the embedding and dense layers stay int8). */
    @Override
    public Optional<Quantizer> fallback() {
        return quantizer.lstmInt8() ? Optional.of(new DynamicInt8(quantizer.withLstmInt8(false))) : Optional.empty();
    }

    @Override
    public String describe() {
        return quantizer.lstmInt8() ? "INT8" : "INT8 with the LSTM kept in float";
    }
}
