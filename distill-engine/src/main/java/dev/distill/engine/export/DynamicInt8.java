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
    /** What this quantizer keeps in float that the one it is the fallback of quantized; empty for the first. */
    private final String keptInFloat;

    /** The default quantizer. */
    public DynamicInt8() {
        this(new DynamicInt8Quantizer());
    }

    /** A quantizer configured otherwise (for example {@link DynamicInt8Quantizer#withMinDenseElements}). */
    public DynamicInt8(DynamicInt8Quantizer quantizer) {
        this(quantizer, "");
    }

    private DynamicInt8(DynamicInt8Quantizer quantizer, String keptInFloat) {
        this.quantizer = Objects.requireNonNull(quantizer, "quantizer");
        this.keptInFloat = keptInFloat;
    }

    @Override
    public Quantization quantization() {
        return Quantization.INT8;
    }

    @Override
    public QuantizedModel quantize(ModelProto fp32) {
        return quantizer.quantize(fp32);
    }

    /**
     * With LSTMs quantized, the fallback keeps them in float (the embedding and dense layers stay int8), and that is
     * the last resort. A quantizer that quantizes no LSTM from the start (a transformer's, whose dense layers run on
     * every token) falls back to keeping its dense layers in float, so that only the embedding rows stay int8.
     */
    @Override
    public Optional<Quantizer> fallback() {
        if (quantizer.lstmInt8()) {
            return Optional.of(new DynamicInt8(quantizer.withLstmInt8(false), "the LSTM"));
        }
        if (keptInFloat.isEmpty() && quantizer.denseInt8()) {
            return Optional.of(new DynamicInt8(quantizer.withDenseInt8(false), "the dense layers"));
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        return keptInFloat.isEmpty() ? "INT8" : "INT8 with " + keptInFloat + " kept in float";
    }
}
