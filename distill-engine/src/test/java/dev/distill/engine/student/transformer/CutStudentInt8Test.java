package dev.distill.engine.student.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.engine.data.TextDataset;
import dev.distill.engine.export.Int8Check;
import dev.distill.engine.export.Int8Comparison;
import dev.distill.engine.export.OrtLogits;
import dev.distill.engine.job.Thresholds;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.StudentArchitectures;
import dev.distill.engine.student.StudentDesign;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.student.TeacherLayers;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.train.TorchRuntime;
import dev.distill.onnx.quantize.QuantizedModel;
import dev.distill.onnx.quantize.QuantizationReport;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.runtime.EncodedBatch;
import dev.distill.runtime.TextEncoder;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The TRANSFORMER's int8 form on a student cut from a real teacher: the default cut of langchain4j's MiniLM with a
 * linear probe (its layers 2, 4, 6 and the probe's classifier), untrained, so that many dev texts lie near its
 * boundary. Its int8 model passes the production int8 check on the
 * SST-2 dev slice, so the export ships it rather than falling back to float linear layers.
 */
class CutStudentInt8Test {

    private static final int MAX_LENGTH = 64;

    @Test
    void theInt8FormOfAStudentCutFromTheProbeTeacherPassesTheProductionCheck() {
        TorchRuntime.start(1);
        TextDataset dev = EngineFixtures.sst2Dev();
        try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), MAX_LENGTH);
                NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StudentDesign<?> design = StudentArchitectures.design(new StudentPlan(Architecture.TRANSFORMER, 128, 256,
                    new int[] {3}, 0, new int[0], 4, MAX_LENGTH, Embeddings.AUTO),
                    TeacherLayers.of(EngineFixtures.probeFolder().resolve("model.onnx")), encoder.vocabularySize(),
                    EngineFixtures.SST2_LABELS.size(), line -> { });
            assertTrue(design.weights().sets("out.w"), "the probe's classifier is the student's output layer");
            Student student = design.create(0f);
            student.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
            student.loadWeights(design.weights());
            ModelProto fp32 = StudentGraphs.fp32(student.graph(), student.exportWeights(), Map.of());
            QuantizedModel int8 = new TransformerArchitecture().int8Quantizer().quantize(fp32);

            int[][] rows = tokenIds(encoder, dev);
            float[][] fp32Logits;
            float[][] int8Logits;
            try (OrtLogits session = OrtLogits.open(fp32, 1)) {
                fp32Logits = session.logits(rows, OrtLogits.DEFAULT_BATCH_SIZE);
            }
            try (OrtLogits session = OrtLogits.open(int8.model(), 1)) {
                int8Logits = session.logits(rows, OrtLogits.DEFAULT_BATCH_SIZE);
            }
            // Throws (and the export would fall back to float linear layers) below 99% or above half a point.
            Int8Comparison comparison = Int8Check.of(Thresholds.DEFAULTS).check(fp32Logits, int8Logits, dev.labels());
            System.out.printf("cut TRANSFORMER int8: agreement %.4f on %d dev texts, accuracy %.4f -> %.4f; %s%n",
                    comparison.agreement(), comparison.examples(), comparison.fp32Accuracy(),
                    comparison.int8Accuracy(), int8.report().summary());
            assertEquals(dev.size(), comparison.examples());
            // Every linear layer is int8: 6 per encoder layer and the output layer.
            long linear = int8.report().entries().stream().map(QuantizationReport.Entry::op)
                    .filter(op -> op.equals("DequantizeLinear->MatMul")).count();
            assertEquals(6L * 3 + 1, linear, int8.report().summary());
        }
    }

    private static int[][] tokenIds(TextEncoder encoder, TextDataset dev) {
        EncodedBatch batch = encoder.encode(dev.texts());
        int[][] rows = new int[dev.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.stream(batch.inputIds()[i], 0, batch.lengths()[i]).mapToInt(Math::toIntExact).toArray();
        }
        return rows;
    }
}
