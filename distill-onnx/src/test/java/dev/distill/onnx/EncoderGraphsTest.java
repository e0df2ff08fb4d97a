package dev.distill.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.distill.contract.ClassifierGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.distill.onnx.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pooling and linear heads on the real all-MiniLM-L6-v2 (int8) encoder, run by ONNX Runtime. */
class EncoderGraphsTest {

    private static final String MODEL_ENTRY = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_ENTRY = "all-minilm-l6-v2-q-tokenizer.json";
    private static final List<String> TEXTS = List.of(
            "a gripping, beautifully acted film",
            "dull",
            "the plot wanders , but the performances keep it afloat for most of its running time");

    @TempDir
    static Path dir;
    private static ModelProto encoder;
    private static HuggingFaceTokenizer tokenizer;
    private static Ort encoderSession;
    private static Ort poolingSession;

    @BeforeAll
    static void load() throws IOException {
        Path model = copyFromClasspath(MODEL_ENTRY);
        tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(copyFromClasspath(TOKENIZER_ENTRY))
                .optPadding(false)
                .build();
        encoder = OnnxModels.read(model);
        encoderSession = Ort.of(encoder);
        Path pooled = dir.resolve("pooled.onnx");
        OnnxModels.write(EncoderGraphs.withMeanPooling(encoder), pooled);
        poolingSession = Ort.of(OnnxModels.read(pooled));
    }

    @AfterAll
    static void close() {
        encoderSession.close();
        poolingSession.close();
        tokenizer.close();
    }

    @Test
    void poolingEqualsJavaMaskedMeanOfTheEncodersHiddenStates() {
        Batch batch = Batch.of(TEXTS, 0);
        float[][][] hidden = (float[][][]) encoderSession.run(batch.inputs(), EncoderGraphs.LAST_HIDDEN_STATE);
        float[][] pooled = (float[][]) poolingSession.run(batch.inputs(), EncoderGraphs.SENTENCE_EMBEDDING);

        assertEquals(TEXTS.size(), pooled.length);
        assertEquals(384, pooled[0].length);
        for (int row = 0; row < TEXTS.size(); row++) {
            assertClose(maskedMean(hidden[row], batch.mask[row]), pooled[row], 1e-5, "row " + row);
        }
        assertTrue(batch.mask[1][batch.mask[1].length - 1] == 0, "the batch must contain padding to test masking");
    }

    /**
     * Padding invariance of the pooling itself. The real encoder cannot show it: its dynamic int8
     * quantization takes one scale per tensor, padded positions included, so its hidden states for the
     * real tokens move with padding (measured: up to 0.3 per component, cosine 0.990 for 9 extra pads).
     * A position-independent encoder (an embedding lookup) isolates the pooling; both opset families
     * (axes as attribute, axes as input) are covered.
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 17})
    void paddingDoesNotChangeTheSentenceEmbedding(long opset) {
        ModelProto pooled = EncoderGraphs.withMeanPooling(lookupEncoder(opset));
        Batch tight = Batch.of(TEXTS, 0);
        Batch padded = Batch.of(TEXTS, 9);
        try (Ort session = Ort.of(pooled)) {
            float[][] expected = session.run2d(tight.ids, tight.mask, EncoderGraphs.SENTENCE_EMBEDDING);
            float[][] actual = session.run2d(padded.ids, padded.mask, EncoderGraphs.SENTENCE_EMBEDDING);
            for (int row = 0; row < TEXTS.size(); row++) {
                assertClose(expected[row], actual[row], 1e-6, "row " + row + " padded by 9");
            }
        }
    }

    /** last_hidden_state = a random embedding of each token id, whatever its neighbours. */
    private static ModelProto lookupEncoder(long opset) {
        int vocabulary = 30522;
        int width = 8;
        float[] table = new float[vocabulary * width];
        Random random = new Random(3);
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) random.nextGaussian();
        }
        OnnxGraph graph = OnnxGraph.create("lookup_encoder").opset(OnnxGraph.ONNX_DOMAIN, opset)
                .input("input_ids", DataType.INT64, "batch", "sequence")
                .input(ClassifierGraph.ATTENTION_MASK, DataType.INT64, "batch", "sequence");
        String embedding = graph.floats("embedding", table, vocabulary, width);
        String hidden = graph.node("Gather").inputs(embedding, "input_ids").exactOutput(EncoderGraphs.LAST_HIDDEN_STATE);
        return graph.output(hidden, DataType.FLOAT, "batch", "sequence", (long) width).build();
    }

    @Test
    void logitsEqualTheLinearLayerAppliedToTheEmbedding() {
        Random random = new Random(11);
        float[][] weight = new float[3][384];
        float[] bias = {0.5f, -0.25f, 0.125f};
        for (float[] row : weight) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextGaussian() * 0.1f;
            }
        }
        ModelProto classifier = EncoderGraphs.withLinearHead(encoder, weight, bias);
        assertEquals(List.of(ClassifierGraph.LOGITS),
                classifier.getGraph().getOutputList().stream().map(v -> v.getName()).toList());

        Batch batch = Batch.of(TEXTS, 0);
        float[][] pooled = (float[][]) poolingSession.run(batch.inputs(), EncoderGraphs.SENTENCE_EMBEDDING);
        float[][] logits;
        try (Ort session = Ort.of(classifier)) {
            logits = (float[][]) session.run(batch.inputs(), ClassifierGraph.LOGITS);
        }
        for (int row = 0; row < TEXTS.size(); row++) {
            float[] expected = new float[weight.length];
            for (int c = 0; c < weight.length; c++) {
                double sum = bias[c];
                for (int h = 0; h < 384; h++) {
                    sum += (double) pooled[row][h] * weight[c][h];
                }
                expected[c] = (float) sum;
            }
            assertClose(expected, logits[row], 1e-5, "logits row " + row);
        }
    }

    @Test
    void headWithTheWrongWidthIsRejectedWithBothSizes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EncoderGraphs.withLinearHead(encoder, new float[2][100], new float[2]));
        assertTrue(error.getMessage().contains("100") && error.getMessage().contains("384"), error.getMessage());
    }

    @Test
    void encoderWithoutAttentionMaskIsRejectedByName() {
        ModelProto noMask = OnnxGraph.create("no_mask")
                .input("input_ids", DataType.INT64, "batch", "sequence")
                .build();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EncoderGraphs.withMeanPooling(noMask));
        assertTrue(error.getMessage().contains("attention_mask") && error.getMessage().contains("input_ids"),
                error.getMessage());
    }

    /** The mean of the rows of {@code hidden} where {@code mask} is 1, in double precision. */
    static float[] maskedMean(float[][] hidden, long[] mask) {
        float[] mean = new float[hidden[0].length];
        double count = 0;
        double[] sum = new double[mean.length];
        for (int t = 0; t < hidden.length; t++) {
            count += mask[t];
            for (int h = 0; h < mean.length; h++) {
                sum[h] += hidden[t][h] * mask[t];
            }
        }
        for (int h = 0; h < mean.length; h++) {
            mean[h] = (float) (sum[h] / count);
        }
        return mean;
    }

    private static Path copyFromClasspath(String entry) throws IOException {
        Path target = dir.resolve(entry);
        try (InputStream in = EncoderGraphsTest.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IllegalStateException(entry + " is not on the test classpath: is the langchain4j"
                        + " all-minilm-l6-v2-q jar a test dependency?");
            }
            Files.copy(in, target);
        }
        return target;
    }

    /** Token ids padded at the end to the longest text plus {@code extraPadding}. */
    private record Batch(long[][] ids, long[][] mask) {

        static Batch of(List<String> texts, int extraPadding) {
            List<Encoding> encodings = texts.stream().map(tokenizer::encode).toList();
            int length = encodings.stream().mapToInt(e -> e.getIds().length).max().orElseThrow() + extraPadding;
            long[][] ids = new long[texts.size()][length];
            long[][] mask = new long[texts.size()][length];
            for (int row = 0; row < texts.size(); row++) {
                long[] tokens = encodings.get(row).getIds();
                System.arraycopy(tokens, 0, ids[row], 0, tokens.length);
                for (int t = 0; t < tokens.length; t++) {
                    mask[row][t] = 1;
                }
            }
            return new Batch(ids, mask);
        }

        Map<String, long[][]> inputs() {
            Map<String, long[][]> inputs = new LinkedHashMap<>();
            inputs.put("input_ids", ids);
            inputs.put("attention_mask", mask);
            inputs.put("token_type_ids", new long[ids.length][ids[0].length]);
            return inputs;
        }
    }
}
