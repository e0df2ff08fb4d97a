package dev.distill.onnx.quantize;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.Close;
import dev.distill.onnx.Ort;
import dev.distill.onnx.student.RandomStudents;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Test fixture: an int8 student against its float original, both run by ONNX Runtime on the same random batch, and
 * what a quantized model is made of. Shared by this module's quantizer tests and the engine's tests of each student.
 */
public final class QuantizedAnswers {

    private static final int ROWS = 300;

    private QuantizedAnswers() {
    }

    /**
     * Asserts that the int8 model gives the float model's argmax on at least {@code minAgreement} of 300 random rows
     * of up to 30 tokens, and logits within {@code maxDiffOfLargestLogit} of the largest float logit.
     */
    public static void assertAgrees(String what, ModelProto fp32, ModelProto int8, double minAgreement,
                                    double maxDiffOfLargestLogit) {
        long[][][] batch = RandomStudents.batch(RandomStudents.lengths(ROWS, 30, 21), 30, 22);
        float[][] expected;
        float[][] actual;
        try (Ort floatSession = Ort.of(fp32); Ort int8Session = Ort.of(int8)) {
            expected = floatSession.run2d(batch[0], batch[1], ClassifierGraph.LOGITS);
            actual = int8Session.run2d(batch[0], batch[1], ClassifierGraph.LOGITS);
        }
        int agree = 0;
        double largest = 0;
        for (int row = 0; row < ROWS; row++) {
            agree += Close.argmax(expected[row]) == Close.argmax(actual[row]) ? 1 : 0;
            for (float logit : expected[row]) {
                largest = Math.max(largest, Math.abs(logit));
            }
        }
        double maxDiff = Close.maxAbsDiff(expected, actual);
        System.out.printf("%s: argmax agreement %d/%d, max abs logit diff %.5f (largest |logit| %.3f), bytes %d -> %d%n",
                what, agree, ROWS, maxDiff, largest, fp32.getSerializedSize(), int8.getSerializedSize());
        assertTrue(agree >= minAgreement * ROWS, what + ": argmax agreement " + agree + "/" + ROWS);
        assertTrue(maxDiff < maxDiffOfLargestLogit * largest, what + ": max abs logit diff " + maxDiff + " vs largest " + largest);
    }

    /** The operator types of the model's nodes. */
    public static Set<String> opTypes(ModelProto model) {
        return model.getGraph().getNodeList().stream().map(NodeProto::getOpType).collect(Collectors.toSet());
    }

    /** The tensors the quantizer made int8, by the report. */
    public static Set<String> quantizedTensors(QuantizedModel model) {
        return model.report().entries().stream().map(QuantizationReport.Entry::tensor).collect(Collectors.toSet());
    }

    /** The model's metadata, key to value. */
    public static Map<String, String> metadata(ModelProto model) {
        return model.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
    }
}
