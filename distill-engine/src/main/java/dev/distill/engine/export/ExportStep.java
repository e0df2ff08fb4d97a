package dev.distill.engine.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Quantization;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.train.TrainedStudent;
import dev.distill.onnx.prune.PrunedModel;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.quantize.QuantizedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * From a trained network to the model that is packaged: export to float32 ONNX and check parity with the
 * network; quantize and check the int8 answers; prune the vocabulary. Each check throws
 * {@link ExportCheckException} when it fails, so nothing unchecked is packaged.
 */
public final class ExportStep {

    private final Exporter exporter;
    private final Quantizer quantizer;
    private final VocabularyPruning pruning;
    private final ParityCheck parity;
    private final Int8Check int8Check;
    private final int threads;

    /**
     * @param exporter makes the float32 model
     * @param quantizer makes the model to package from it
     * @param pruning prunes the vocabulary, or null to keep it whole
     * @param thresholds the checks' thresholds
     * @param threads ONNX Runtime intra-op threads
     */
    public ExportStep(Exporter exporter, Quantizer quantizer, VocabularyPruning pruning, Thresholds thresholds,
            int threads) {
        this.exporter = Objects.requireNonNull(exporter, "exporter");
        this.quantizer = Objects.requireNonNull(quantizer, "quantizer");
        this.pruning = pruning;
        this.parity = new ParityCheck(thresholds.parityTolerance(), threads);
        this.int8Check = Int8Check.of(thresholds);
        this.threads = threads;
    }

    /**
     * The step with {@link OnnxStudentExporter} and the quantizer of the setting.
     *
     * @param int8 how the student's architecture makes its int8 model
     */
    public static ExportStep of(Quantization quantization, DynamicInt8Quantizer int8, VocabularyPruning pruning,
            Thresholds thresholds, int threads) {
        return new ExportStep(new OnnxStudentExporter(), Quantizer.of(quantization, int8), pruning, thresholds,
                threads);
    }

    /**
     * Runs the step.
     *
     * @param trained the trained network
     * @param settings settings recorded in the models' metadata
     * @param transferSet the examples the network was trained on (their tokens and dev's survive pruning)
     * @param dev the labeled dev examples the checks run on
     * @param describeDev describes dev example i in failure messages (file, line, text), or null
     * @return the models and figures
     * @throws ExportCheckException if a check fails
     */
    public ExportResult run(TrainedStudent trained, Map<String, String> settings, TokenizedExamples transferSet,
            TokenizedExamples dev, IntFunction<String> describeDev) {
        ModelProto fp32 = exporter.export(trained, settings);
        float[][] fp32Logits = logits(fp32, dev);
        double parityMaxDifference = parity.check(trained.logits(dev.tokenIds()), fp32Logits, describeDev);

        Quantizer used = quantizer;
        QuantizedModel quantized = used.quantize(fp32);
        Int8Comparison int8 = null;
        float[][] packagedLogits = fp32Logits;
        List<String> fallbacks = new ArrayList<>();
        while (used.quantization() != Quantization.NONE) {
            packagedLogits = logits(quantized.model(), dev);
            try {
                int8 = int8Check.check(fp32Logits, packagedLogits, dev.labels());
                break;
            } catch (ExportCheckException e) {
                Optional<Quantizer> fallback = used.fallback();
                if (fallback.isEmpty()) {
                    throw e;
                }
                // Quantize less rather than fail: what is shipped must keep the float model's answers.
                Int8Comparison failed = Int8Check.compare(fp32Logits, packagedLogits, dev.labels());
                fallbacks.add(String.format(Locale.ROOT,
                        "%s agreed with fp32 on %.2f%% of dev (accuracy drop %.2f points): fell back to %s",
                        used.describe(), failed.agreement() * 100, failed.accuracyDrop() * 100,
                        fallback.get().describe()));
                used = fallback.get();
                quantized = used.quantize(fp32);
            }
        }

        ModelProto packaged = quantized.model();
        PruningSummary pruningSummary = PruningSummary.NOT_APPLIED;
        if (pruning != null) {
            PrunedModel pruned = pruning.prune(packaged, List.of(transferSet, dev));
            packaged = pruned.model();
            pruningSummary = PruningSummary.of(pruned);
            packagedLogits = logits(packaged, dev);
        }
        Int8Comparison packagedVsFp32 = Int8Check.compare(fp32Logits, packagedLogits, dev.labels());
        return new ExportResult(fp32, packaged, used.quantization(), used.describe(), fallbacks, quantized.report(),
                parityMaxDifference,
                int8, pruningSummary, packagedVsFp32.fp32Accuracy(), packagedVsFp32.int8Accuracy(),
                packagedVsFp32.agreement(), fp32.getSerializedSize(), packaged.getSerializedSize(), fp32Logits,
                packagedLogits);
    }

    private float[][] logits(ModelProto model, TokenizedExamples examples) {
        try (OrtLogits ort = OrtLogits.open(model, threads)) {
            return ort.logits(examples);
        }
    }
}
