package dev.distill.engine.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Quantization;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.student.StudentArchitectures;
import dev.distill.engine.train.TrainedStudent;
import dev.distill.onnx.DistillVersion;
import dev.distill.onnx.quantize.QuantizationReport;
import dev.distill.runtime.TextEncoder;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole export step on students really trained on SST-2, at the production thresholds: float32 parity
 * with the DJL network, int8 agreement and accuracy, pruning, sizes and metadata.
 */
class ExportStepTest {

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void int8PrunedExportPassesTheChecks(Architecture architecture) {
        TrainedStudent trained = ExportFixture.student(architecture);
        Thresholds thresholds = Thresholds.DEFAULTS;
        ExportResult result;
        try (TextEncoder encoder = ExportFixture.encoder()) {
            result = ExportStep.of(Quantization.INT8, StudentArchitectures.of(architecture).int8Quantizer(),
                    VocabularyPruning.of(encoder), thresholds, ExportFixture.THREADS)
                    .run(trained, Map.of("epochs", "2"), ExportFixture.train(), ExportFixture.dev(),
                            ExportFixture.describeDev());
        }
        QuantizationReport report = result.quantizationReport();
        System.out.printf("%s export: parity %.3g; int8 agreement %.4f, accuracy %.4f -> %.4f; packaged (pruned %d of "
                        + "%d rows) agreement %.4f, accuracy %.4f; %d -> %d bytes; quantized %s%n",
                architecture, result.parityMaxDifference(), result.int8().agreement(),
                result.int8().fp32Accuracy(), result.int8().int8Accuracy(), result.pruning().keptRows(),
                result.pruning().originalRows(), result.packagedAgreement(), result.packagedAccuracy(),
                result.fp32FileBytes(), result.packagedFileBytes(),
                report.entries().stream().map(e -> e.tensor() + "->" + e.op()).collect(Collectors.toList()));

        assertTrue(result.parityMaxDifference() <= 1e-4, "parity " + result.parityMaxDifference());
        assertTrue(result.int8().agreement() >= thresholds.minInt8Agreement(),
                "int8 agreement " + result.int8().agreement());
        assertTrue(result.int8().accuracyDrop() <= thresholds.maxInt8AccuracyDrop(),
                "int8 accuracy drop " + result.int8().accuracyDrop());
        // Dev's tokens are kept: pruning changes no dev answer.
        assertEquals(result.int8().agreement(), result.packagedAgreement(), 1e-12);
        assertEquals(result.int8().int8Accuracy(), result.packagedAccuracy(), 1e-12);
        assertEquals(trained.accuracy(ExportFixture.dev()), result.fp32Accuracy(), 1.0 / ExportFixture.dev().size(),
                "the fp32 ONNX accuracy is not the network's");
        assertEquals(Quantization.INT8, result.quantization());
        Set<String> ops = report.entries().stream().map(QuantizationReport.Entry::op).collect(Collectors.toSet());
        assertTrue(report.entries().stream().anyMatch(e -> e.tensor().equals("embedding")),
                "the embedding table was not quantized: " + report);
        if (architecture == Architecture.BILSTM) {
            // The int8 LSTM of this small student agreed with fp32 on 98.97% of dev (9 of 872 texts, each with fp32
            // logits less than 0.12 apart): under the production 99%, so the step keeps the LSTM in float.
            boolean fellBack = !result.quantizationFallbacks().isEmpty();
            assertEquals(fellBack, !ops.contains("com.microsoft.DynamicQuantizeLSTM"), "LSTM ops " + ops);
            assertEquals(fellBack, result.quantizer().contains("LSTM kept in float"), result.quantizer());
            System.out.println("BILSTM quantization: " + result.quantizer() + " " + result.quantizationFallbacks());
        } else if (architecture == Architecture.TRANSFORMER) {
            // Its linear layers have int8 weights and float activations (DequantizeLinear into MatMul); should
            // this small student, trained from random weights to 73% accuracy (many texts near its boundary), miss
            // the check with them, the step keeps the linear layers in float.
            boolean fellBack = !result.quantizationFallbacks().isEmpty();
            assertTrue(!ops.contains("com.microsoft.DynamicQuantizeMatMul"), "linear ops " + ops);
            assertEquals(fellBack, !ops.contains("DequantizeLinear->MatMul"), "linear ops " + ops);
            assertEquals(fellBack, result.quantizer().contains("dense layers kept in float"), result.quantizer());
            System.out.println("TRANSFORMER quantization: " + result.quantizer() + " " + result.quantizationFallbacks());
        } else {
            assertEquals(java.util.List.of(), result.quantizationFallbacks());
        }
        assertTrue(result.pruning().applied() && result.pruning().keptRows() < result.pruning().originalRows());
        assertTrue(result.pruning().bytesSaved() > 0, "pruning saved " + result.pruning().bytesSaved());
        assertTrue(result.packagedFileBytes() * 4 < result.fp32FileBytes(),
                result.packagedFileBytes() + " bytes packaged vs " + result.fp32FileBytes() + " in fp32");
        assertEquals(result.packagedModel().getSerializedSize(), result.packagedFileBytes());
    }

    @Test
    void noQuantizationPackagesTheFloatModelWithoutAnInt8Check() {
        TrainedStudent trained = ExportFixture.student(Architecture.BAG_OF_EMBEDDINGS);
        ExportResult result = ExportStep.of(Quantization.NONE,
                        StudentArchitectures.of(Architecture.BAG_OF_EMBEDDINGS).int8Quantizer(), null,
                        Thresholds.DEFAULTS, ExportFixture.THREADS)
                .run(trained, Map.of(), ExportFixture.train(), ExportFixture.dev(), null);
        assertNull(result.int8());
        assertTrue(result.quantizationReport().entries().isEmpty());
        assertFalse(result.pruning().applied());
        assertEquals(result.fp32Model(), result.packagedModel());
        assertEquals(1.0, result.packagedAgreement());
        assertEquals(result.fp32Accuracy(), result.packagedAccuracy());
        assertTrue(result.parityMaxDifference() <= 1e-4, "parity " + result.parityMaxDifference());
    }

    @Test
    void theExportRecordsProducerVersionArchitectureAndSettings() {
        ModelProto fp32 = ExportFixture.fp32(Architecture.CNN);
        Map<String, String> metadata = fp32.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertEquals("distill", metadata.get("producer"));
        assertEquals(DistillVersion.get(), metadata.get("version"));
        assertEquals("CNN", metadata.get("architecture"));
        assertEquals("export", metadata.get("distill.test"));
    }
}
