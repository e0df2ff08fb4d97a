package dev.distill.onnx;

import dev.distill.contract.ClassifierGraph;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.distill.onnx.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading inner tensors of a real classifier (the all-MiniLM-L6-v2 int8 encoder of the langchain4j
 * jar with a linear head), run by ONNX Runtime and checked against values computed apart from it.
 */
class GraphOutputsTest {

    /** Two token-id rows of the MiniLM vocabulary, the second padded: [CLS] a good film [SEP] / [CLS] dull [SEP]. */
    private static final long[][] IDS = {{101, 1037, 2204, 2143, 102}, {101, 10634, 102, 0, 0}};
    private static final long[][] MASK = {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}};

    private static ModelProto encoder;
    private static ModelProto classifier;
    private static Ort encoderSession;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = GraphOutputsTest.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2-q.onnx")) {
            if (in == null) {
                throw new IllegalStateException("all-minilm-l6-v2-q.onnx is not on the test classpath: is the"
                        + " langchain4j all-minilm-l6-v2-q jar a test dependency?");
            }
            encoder = ModelProto.parseFrom(in);
        }
        Random random = new Random(5);
        float[][] weight = new float[2][384];
        for (float[] row : weight) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextGaussian() * 0.1f;
            }
        }
        classifier = EncoderGraphs.withLinearHead(encoder, weight, new float[] {0.25f, -0.5f});
        encoderSession = Ort.of(encoder);
    }

    @AfterAll
    static void close() {
        encoderSession.close();
    }

    private static Map<String, long[][]> inputs() {
        Map<String, long[][]> inputs = new LinkedHashMap<>();
        inputs.put("input_ids", IDS);
        inputs.put("attention_mask", MASK);
        inputs.put("token_type_ids", new long[IDS.length][IDS[0].length]);
        return inputs;
    }

    @Test
    void theHeadInputOfARealClassifierIsTheMeanPooledLastHiddenState() {
        ModelProto exposed = GraphOutputs.withHeadInput(classifier, ClassifierGraph.LOGITS, "pooled");
        assertEquals(List.of("logits", "pooled"),
                exposed.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList());

        float[][][] hidden = (float[][][]) encoderSession.run(inputs(), EncoderGraphs.LAST_HIDDEN_STATE);
        float[][] pooled;
        float[][] logits;
        float[][] logitsBefore;
        try (Ort session = Ort.of(exposed); Ort original = Ort.of(classifier)) {
            pooled = (float[][]) session.run(inputs(), "pooled");
            logits = (float[][]) session.run(inputs(), ClassifierGraph.LOGITS);
            logitsBefore = (float[][]) original.run(inputs(), ClassifierGraph.LOGITS);
        }
        assertEquals(384, pooled[0].length);
        for (int row = 0; row < IDS.length; row++) {
            assertClose(EncoderGraphsTest.maskedMean(hidden[row], MASK[row]), pooled[row], 1e-5, "row " + row);
        }
        assertClose(logitsBefore, logits, 0, "the logits do not change when an output is added");
    }

    @Test
    void aNamedInnerTensorBecomesAnOutputOfAnyRank() {
        ModelProto exposed = GraphOutputs.withOutput(classifier, EncoderGraphs.LAST_HIDDEN_STATE, "hidden");
        float[][][] expected = (float[][][]) encoderSession.run(inputs(), EncoderGraphs.LAST_HIDDEN_STATE);
        float[][][] actual;
        try (Ort session = Ort.of(exposed)) {
            actual = (float[][][]) session.run(inputs(), "hidden");
        }
        for (int row = 0; row < IDS.length; row++) {
            assertClose(expected[row], actual[row], 0, "row " + row);
        }
    }

    @Test
    void theHeadIsFoundBehindMatMulAndAdd() {
        OnnxGraph graph = OnnxGraph.create("matmul_head").input("features", DataType.FLOAT, "batch", 4L);
        String hidden = graph.node("Relu").inputs("features").output("sentence");
        String product = graph.node("MatMul").inputs(hidden, graph.floats("w", new float[8], 4, 2)).output("product");
        String logits = graph.node("Add").inputs(graph.floats("b", new float[2], 2), product).exactOutput("logits");
        ModelProto model = graph.output(logits, DataType.FLOAT, "batch", 2L).build();

        assertEquals(hidden, GraphOutputs.headInput(model, "logits"));
    }

    @Test
    void aMissingTensorIsNamedWithTheOutputsAndSimilarNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphOutputs.withOutput(classifier, "layer.9.hidden_state", "hidden"));
        String message = e.getMessage();
        assertTrue(message.contains("'" + classifier.getGraph().getName() + "'"), message);
        assertTrue(message.contains("no tensor 'layer.9.hidden_state'"), message);
        assertTrue(message.contains("its outputs are [logits]"), message);
        assertTrue(message.contains("tensors with 'state' in their name: [")
                && message.contains(EncoderGraphs.LAST_HIDDEN_STATE), message);
    }

    @Test
    void aModelWithoutTheLogitsOrALinearHeadIsRejectedByName() {
        IllegalArgumentException noLogits = assertThrows(IllegalArgumentException.class,
                () -> GraphOutputs.headInput(encoder, "logits"));
        assertTrue(noLogits.getMessage().contains("no output 'logits'")
                && noLogits.getMessage().contains("[last_hidden_state]"), noLogits.getMessage());

        OnnxGraph graph = OnnxGraph.create("softmax_head").input("scores", DataType.FLOAT, "batch", 2L);
        ModelProto softmax = graph.output(graph.node("Softmax").inputs("scores").exactOutput("logits"),
                DataType.FLOAT, "batch", 2L).build();
        IllegalArgumentException notLinear = assertThrows(IllegalArgumentException.class,
                () -> GraphOutputs.headInput(softmax, "logits"));
        assertTrue(notLinear.getMessage().contains("'softmax_head'")
                && notLinear.getMessage().contains("a Softmax node"), notLinear.getMessage());
    }

    @Test
    void theFeatureMapACnnPoolsIsFoundBehindFlattenAndGlobalAveragePool() {
        OnnxGraph graph = OnnxGraph.create("cnn_head").input("pixel_values", DataType.FLOAT, "batch", 3L, 8L, 8L);
        String map = graph.node("Relu").inputs("pixel_values").output("stage");
        String pooled = graph.node("GlobalAveragePool").inputs(map).output("pooled");
        String flat = graph.node("Flatten").inputs(pooled).output("flat");
        String logits = graph.node("Gemm").inputs(flat, graph.floats("w", new float[6], 3, 2),
                graph.floats("b", new float[2], 2)).exactOutput("logits");
        ModelProto model = graph.output(logits, DataType.FLOAT, "batch", 2L).build();

        assertEquals(map, GraphOutputs.poolingInput(model, "logits"));
        ModelProto exposed = GraphOutputs.withPoolingInput(model, "logits", "features");
        assertEquals(List.of("logits", "features"), exposed.getGraph().getOutputList().stream()
                .map(ValueInfoProto::getName).toList());
    }

    @Test
    void aHeadThatReadsNoPooledFeatureMapIsRejectedNamingWhatItReads() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphOutputs.poolingInput(classifier, "logits"));
        String message = e.getMessage();
        assertTrue(message.contains("'" + classifier.getGraph().getName() + "'")
                && message.contains("not by a global average pooling") && message.contains("gives no feature map"),
                message);
    }
}
