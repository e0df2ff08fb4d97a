package dev.distill.engine.student.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.Close;
import dev.distill.onnx.GraphOutputs;
import dev.distill.onnx.Ort;
import dev.distill.onnx.bert.BertBatch;
import dev.distill.onnx.bert.BertFixtures;
import dev.distill.onnx.bert.BertHead;
import dev.distill.onnx.bert.BertLayout;
import dev.distill.onnx.bert.BertReference;
import dev.distill.onnx.bert.BertWeights;
import dev.distill.onnx.bert.Linear;
import dev.distill.onnx.bert.Pooling;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A transformer student cut from langchain4j's int8 MiniLM-L6 encoder, as ONNX Runtime runs its graph, against the
 * plain-Java BERT forward pass on the same read weights ({@link BertReference}, fp32: the student computes in
 * float on the dequantized weights, so the int8 encoder's own activation rounding is not what it should match).
 */
class TeacherCutTest {

    /** Float sums in another order (ONNX Runtime's MatMul against the reference's double sums) over 3 layers. */
    private static final double TOLERANCE = 1e-4;
    private static final int MAX_LENGTH = 16;
    /** MiniLM-L6's width. */
    private static final int WIDTH = 384;

    private static BertWeights teacher;

    @BeforeAll
    static void read() {
        teacher = BertLayout.read(BertFixtures.miniLmInt8(), "all-minilm-l6-v2-q.onnx");
    }

    @Test
    void aStudentOfTheFirstThreeLayersPoolsTheTeachersThirdLayer() {
        TeacherCut cut = TeacherCut.of(teacher, new int[] {1, 2, 3}, teacher.embeddings().word().rows(), 2,
                MAX_LENGTH);
        assertEquals(3, cut.graph().layers());
        assertEquals(WIDTH, cut.graph().sizes().embeddingSize());
        assertEquals(teacher.heads(), cut.graph().heads());
        assertEquals(teacher.feedForward(), cut.graph().feedForwardSize());
        assertFalse(cut.headCopied(), cut.headNote());
        // The word table is the teacher's as it is: no projection, no rescaling.
        assertArrayEquals(teacher.embeddings().word().values(), cut.weights().get("embedding").data());

        StudentWeights weights = StudentWeights.of(cut.weights().tensors().values());
        weights.put(Tensor.of("out.w", new float[2 * WIDTH], 2, WIDTH));
        weights.put(Tensor.of("out.b", new float[2], 2));
        ModelProto student = GraphOutputs.withOutput(StudentGraphs.fp32(cut.graph(), weights, Map.of()),
                "mean_row", "features");
        BertBatch batch = BertBatch.texts();
        BertReference reference = new BertReference(teacher, false);
        try (Ort session = Ort.of(student)) {
            Map<String, long[][]> inputs = new LinkedHashMap<>();
            inputs.put(ClassifierGraph.INPUT_IDS, batch.ids());
            inputs.put(ClassifierGraph.ATTENTION_MASK, batch.mask());
            float[][] features = (float[][]) session.run(inputs, "features");
            for (int row = 0; row < batch.rows(); row++) {
                // The student reads token type 0 everywhere, as it is fed no token types.
                long[] types = new long[batch.ids()[row].length];
                float[] expected = maskedMean(reference.hidden(batch.ids()[row], batch.mask()[row], types, 3),
                        batch.mask()[row]);
                Close.assertClose(expected, features[row], TOLERANCE, "the pooled features of text " + row);
            }
        }
    }

    /**
     * A classifier head on the {@code [CLS]} row (here a random one over the first three layers): the student pools
     * that row too and starts from the head, so it computes the teacher's logits.
     */
    @Test
    void aHeadOnTheClsRowIsCopiedWithItsPooling() {
        SplittableRandom random = new SplittableRandom(3);
        float[] classifier = new float[2 * WIDTH];
        for (int i = 0; i < classifier.length; i++) {
            classifier[i] = (float) random.nextGaussian(0, 0.1);
        }
        BertWeights clsTeacher = new BertWeights(teacher.embeddings(), teacher.layers().subList(0, 3),
                teacher.hidden(), teacher.heads(), teacher.feedForward(), Optional.of(new BertHead(Pooling.CLS,
                        new Linear(classifier, new float[] {0.5f, -0.5f}, WIDTH, 2, false))));
        TeacherCut cut = TeacherCut.of(clsTeacher, new int[] {1, 2, 3}, teacher.embeddings().word().rows(), 2,
                MAX_LENGTH);
        assertEquals(Pooling.CLS, cut.graph().pooling());
        assertTrue(cut.headCopied(), cut.headNote());
        BertBatch batch = BertBatch.texts();
        BertReference reference = new BertReference(clsTeacher, false);
        try (Ort session = Ort.of(StudentGraphs.fp32(cut.graph(), cut.weights(), Map.of()))) {
            Map<String, long[][]> inputs = new LinkedHashMap<>();
            inputs.put(ClassifierGraph.INPUT_IDS, batch.ids());
            inputs.put(ClassifierGraph.ATTENTION_MASK, batch.mask());
            float[][] logits = (float[][]) session.run(inputs, ClassifierGraph.LOGITS);
            for (int row = 0; row < batch.rows(); row++) {
                long[] types = new long[batch.ids()[row].length];
                Close.assertClose(reference.logits(batch.ids()[row], batch.mask()[row], types), logits[row],
                        TOLERANCE, "the logits of text " + row);
            }
        }
    }

    @Test
    void theDefaultLayersAreEvenlySpacedWithTheLast() {
        assertArrayEquals(new int[] {2, 4, 6}, TeacherCut.evenlySpaced(0, 6));
        assertArrayEquals(new int[] {2, 4, 6}, TeacherCut.evenlySpaced(3, 6));
        assertArrayEquals(new int[] {3, 6, 9, 12}, TeacherCut.evenlySpaced(4, 12));
        assertArrayEquals(new int[] {6}, TeacherCut.evenlySpaced(1, 6));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, TeacherCut.evenlySpaced(6, 6));
        assertArrayEquals(new int[] {2, 4, 6, 7, 9, 11, 13}, TeacherCut.evenlySpaced(0, 13));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> TeacherCut.evenlySpaced(7, 6));
        assertTrue(tooMany.getMessage().contains("the teacher's 6 layers"), tooMany.getMessage());
    }

    @Test
    void aTeacherLayerOutOfRangeNamesTheTeachersCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TeacherCut.of(teacher, new int[] {2, 7}, teacher.embeddings().word().rows(), 2, MAX_LENGTH));
        assertTrue(e.getMessage().contains("teacher layer 7") && e.getMessage().contains("has 6 layers")
                && e.getMessage().contains("1 .. 6"), e.getMessage());
    }

    @Test
    void anotherVocabularyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TeacherCut.of(teacher, new int[] {1}, 1000, 2, MAX_LENGTH));
        assertTrue(e.getMessage().contains("rows but its tokenizer has 1000 tokens"), e.getMessage());
    }

    private static float[] maskedMean(float[][] hidden, long[] mask) {
        float[] mean = new float[hidden[0].length];
        double count = Arrays.stream(mask).sum();
        for (int t = 0; t < hidden.length; t++) {
            for (int h = 0; h < mean.length; h++) {
                mean[h] += (float) (hidden[t][h] * mask[t] / count);
            }
        }
        return mean;
    }
}
