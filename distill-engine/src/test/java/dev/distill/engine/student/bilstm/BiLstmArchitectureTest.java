package dev.distill.engine.student.bilstm;

import static dev.distill.engine.student.SpecMath.add;
import static dev.distill.engine.student.SpecMath.relu;
import static dev.distill.engine.student.SpecMath.sigmoid;
import static dev.distill.onnx.quantize.QuantizedAnswers.assertAgrees;
import static dev.distill.onnx.quantize.QuantizedAnswers.opTypes;
import static dev.distill.onnx.quantize.QuantizedAnswers.quantizedTensors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.engine.student.SpecMath;
import dev.distill.engine.student.StudentArchitectureContract;
import dev.distill.onnx.bert.BertLayout;
import dev.distill.onnx.bert.UnrecognizedLayoutException;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.quantize.QuantizedModel;
import dev.distill.onnx.student.StudentSizes;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The BiLSTM against the specification and the student contract, and its LSTM's int8 form. */
class BiLstmArchitectureTest extends StudentArchitectureContract<BiLstmGraph> {

    BiLstmArchitectureTest() {
        super(new BiLstmArchitecture(), BiLstmArchitectureTest::specForward);
    }

    /** Both directions over the real tokens, each one's per-unit max of its states, concatenated, out(relu(fc1(.))). */
    private static double[] specForward(BiLstmGraph graph, SpecMath spec, int[] ids) {
        int h = graph.hiddenSize();
        double[] hf = new double[h];
        double[] cf = new double[h];
        double[] maxForward = null;
        for (int id : ids) {
            lstmStep(spec, "fwd", spec.embedding(id), hf, cf, h);
            maxForward = maxForward == null ? hf.clone() : SpecMath.maximum(maxForward, hf);
        }
        double[] hb = new double[h];
        double[] cb = new double[h];
        double[] maxBackward = null;
        for (int t = ids.length - 1; t >= 0; t--) {
            lstmStep(spec, "bwd", spec.embedding(ids[t]), hb, cb, h);
            maxBackward = maxBackward == null ? hb.clone() : SpecMath.maximum(maxBackward, hb);
        }
        return spec.linear(relu(spec.linear(SpecMath.concat(maxForward, maxBackward), "fc1")), "out");
    }

    /** gates = W_ih x + b_ih + W_hh h + b_hh in PyTorch's order i, f, g, o; updates h and c in place. */
    private static void lstmStep(SpecMath spec, String direction, double[] x, double[] hState, double[] cState,
            int h) {
        String p = "lstm." + direction + ".";
        double[] gates = add(add(spec.matVec(p + "w_ih", x), spec.vector(p + "b_ih")),
                add(spec.matVec(p + "w_hh", hState), spec.vector(p + "b_hh")));
        for (int j = 0; j < h; j++) {
            double i = sigmoid(gates[j]);
            double f = sigmoid(gates[h + j]);
            double g = Math.tanh(gates[2 * h + j]);
            double o = sigmoid(gates[3 * h + j]);
            cState[j] = f * cState[j] + i * g;
            hState[j] = o * Math.tanh(cState[j]);
        }
    }

    @Test
    void theDefaultInt8MakesTheLstmADynamicQuantizeLstm() {
        QuantizedModel int8 = new DynamicInt8Quantizer().quantize(floatModel(20));

        assertEquals(Set.of("embedding", "lstm.W", "lstm.R"), quantizedTensors(int8));
        assertTrue(opTypes(int8.model()).contains("DynamicQuantizeLSTM"));
        assertTrue(!opTypes(int8.model()).contains("LSTM"));
    }

    @Test
    void anLstmKeptInFloatLeavesTheRestQuantized() {
        ModelProto fp32 = floatModel(20);
        QuantizedModel int8 = new DynamicInt8Quantizer().withLstmInt8(false).quantize(fp32);

        Set<String> ops = opTypes(int8.model());
        assertTrue(ops.contains("LSTM") && !ops.contains("DynamicQuantizeLSTM"), ops.toString());
        assertEquals(Set.of("embedding"), quantizedTensors(int8));
        // Only the embedding rows are rounded: the answers stay those of the float model.
        assertAgrees("BILSTM with float LSTM", fp32, int8.model(), 0.99, 0.2);
        assertTrue(int8.model().getSerializedSize() < fp32.getSerializedSize());
    }

    @Test
    void aHiddenSizeThatIsNotPositiveIsNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new BiLstmGraph(new StudentSizes(23, 8, 3), -2));
        assertTrue(error.getMessage().startsWith("hiddenSize must be positive, was "), error.getMessage());
    }

    /** A BiLSTM is what a teacher that is not BERT-family is told to distill into, so it must not pass for one. */
    @Test
    void aBiLstmGraphIsNoBertTeacherAndTheErrorSaysWhatWasLookedFor() {
        ModelProto student = floatModel(3);
        UnrecognizedLayoutException e = assertThrows(UnrecognizedLayoutException.class,
                () -> BertLayout.read(student, "teacher/model.onnx"));
        String message = e.getMessage();
        assertTrue(message.startsWith("teacher/model.onnx is not a BERT-family encoder"), message);
        assertTrue(e.lookedFor().contains("position-embedding table"), message);
        assertTrue(message.contains("added to the word embeddings and the word rows 'embedded' are read by"
                + " [Transpose"), message);
        assertTrue(message.contains("Architecture.BILSTM"), message);
    }
}
