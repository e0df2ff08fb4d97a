package dev.distill.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Quantization;
import dev.distill.onnx.quantize.QuantizationReport;
import java.util.List;

/**
 * Everything the export step made and measured, for {@code config.json} and the report. All figures are on the
 * dev set.
 *
 * @param fp32Model the float32 export of the trained network
 * @param packagedModel the model to package: quantized as asked, then pruned if asked
 * @param quantization the quantization applied
 * @param quantizer what the quantizer that made {@code packagedModel} quantizes
 * @param quantizationFallbacks why a more conservative quantizer was used, one line per step back (empty when none)
 * @param quantizationReport what was quantized (empty for {@link Quantization#NONE})
 * @param parityMaxDifference the largest absolute logit difference between the network and {@code fp32Model}
 * @param int8 the quantized model (before pruning) against {@code fp32Model}; null for {@link Quantization#NONE}
 * @param pruning what vocabulary pruning did
 * @param fp32Accuracy {@code fp32Model}'s accuracy in ONNX Runtime
 * @param packagedAccuracy {@code packagedModel}'s accuracy in ONNX Runtime
 * @param packagedAgreement share of examples on which {@code packagedModel}'s argmax is {@code fp32Model}'s
 * @param fp32FileBytes the serialized size of {@code fp32Model}
 * @param packagedFileBytes the serialized size of {@code packagedModel}
 * @param fp32DevLogits {@code fp32Model}'s logits in ONNX Runtime, one row per dev example, as the checks saw them
 * @param packagedDevLogits {@code packagedModel}'s logits in ONNX Runtime, one row per dev example (the same rows
 *     as {@code fp32DevLogits} when nothing was quantized or pruned)
 */
public record ExportResult(
        ModelProto fp32Model,
        ModelProto packagedModel,
        Quantization quantization,
        String quantizer,
        List<String> quantizationFallbacks,
        QuantizationReport quantizationReport,
        double parityMaxDifference,
        Int8Comparison int8,
        PruningSummary pruning,
        double fp32Accuracy,
        double packagedAccuracy,
        double packagedAgreement,
        long fp32FileBytes,
        long packagedFileBytes,
        float[][] fp32DevLogits,
        float[][] packagedDevLogits) {

    public ExportResult {
        quantizationFallbacks = List.copyOf(quantizationFallbacks);
    }
}
