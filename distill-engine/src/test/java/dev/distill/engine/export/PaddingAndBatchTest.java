package dev.distill.engine.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.engine.student.TokenIdBatch;
import dev.distill.annotations.Architecture;
import dev.distill.engine.teacher.Logits;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exported students, float32 and int8, answer the same whatever the padding: the same dev texts padded to
 * different lengths give the same logits. Run one at a time or 64 at a time they give the same answers, except
 * the int8 BiLSTM: ONNX Runtime's DynamicQuantizeLSTM quantizes its input with one scale per call, computed over
 * the whole batch, so the other texts of a batch move its logits (measured: by up to about 0.1 on this student)
 * and can flip a text whose two logits are nearly equal.
 */
class PaddingAndBatchTest {

    private static final String[] KINDS = {"fp32", "int8"};

    /** Float32: only the order of float additions may differ. */
    private static final double FP32_TOLERANCE = 1e-5;
    /** Int8 where the activations are not quantized (embedding rows only): the same as float32. */
    private static final double INT8_TOLERANCE = 1e-5;
    /** Least share of dev texts on which the int8 BiLSTM answers the same alone and in batches of 64. */
    private static final double INT8_BILSTM_BATCH_AGREEMENT = 0.98;

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void paddingNeverChangesTheLogits(Architecture architecture) {
        int[][] rows = Arrays.copyOf(ExportFixture.dev().tokenIds(), 64);
        int longest = Arrays.stream(rows).mapToInt(r -> r.length).max().orElseThrow();
        int extra = 29;
        for (String kind : KINDS) {
            try (OrtLogits ort = OrtLogits.open(model(kind, architecture), ExportFixture.THREADS)) {
                assertSameLogits(architecture + " " + kind + " batch padded to " + longest + " vs " + (longest + extra),
                        ort.logits(TokenIdBatch.padded(rows, longest)),
                        ort.logits(TokenIdBatch.padded(rows, longest + extra)));
                float[][] alone = new float[rows.length][];
                float[][] alonePadded = new float[rows.length][];
                for (int i = 0; i < rows.length; i++) {
                    alone[i] = ort.logits(TokenIdBatch.padded(new int[][] {rows[i]}, rows[i].length))[0];
                    alonePadded[i] = ort.logits(TokenIdBatch.padded(new int[][] {rows[i]}, longest + extra))[0];
                }
                assertSameLogits(architecture + " " + kind + " one text unpadded vs padded to " + (longest + extra),
                        alone, alonePadded);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void batchSizeOneAndSixtyFourGiveTheSameAnswers(Architecture architecture) {
        int[][] rows = ExportFixture.dev().tokenIds();
        for (String kind : KINDS) {
            try (OrtLogits ort = OrtLogits.open(model(kind, architecture), ExportFixture.THREADS)) {
                float[][] one = ort.logits(rows, 1);
                float[][] batched = ort.logits(rows, 64);
                String what = architecture + " " + kind + " batch 1 vs 64";
                if (architecture == Architecture.BILSTM && kind.equals("int8")) {
                    double agreement = Int8Check.compare(one, batched, ExportFixture.dev().labels()).agreement();
                    System.out.printf("%s: same answer on %.2f%% of dev, largest logit difference %.3g%n", what,
                            100 * agreement, largestDifference(one, batched));
                    assertTrue(agreement >= INT8_BILSTM_BATCH_AGREEMENT, what + ": agreement " + agreement);
                } else {
                    assertSameLogits(what, one, batched);
                }
            }
        }
    }

    private static ModelProto model(String kind, Architecture architecture) {
        return kind.equals("fp32") ? ExportFixture.fp32(architecture) : ExportFixture.int8(architecture);
    }

    private static void assertSameLogits(String what, float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Logits.argmax(expected[i]), Logits.argmax(actual[i]), what + ": argmax of row " + i + ", "
                    + Arrays.toString(expected[i]) + " vs " + Arrays.toString(actual[i]));
        }
        double max = largestDifference(expected, actual);
        System.out.printf("%s: largest logit difference %.3g%n", what, max);
        assertTrue(max <= (what.contains("fp32") ? FP32_TOLERANCE : INT8_TOLERANCE),
                what + ": largest logit difference " + max);
    }

    private static double largestDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                max = Math.max(max, Math.abs(a[i][c] - b[i][c]));
            }
        }
        return max;
    }
}
