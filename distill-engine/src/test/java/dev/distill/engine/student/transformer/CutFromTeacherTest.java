package dev.distill.engine.student.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.engine.export.OrtLogits;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.student.InitialWeights;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.StudentArchitectures;
import dev.distill.engine.student.StudentDesign;
import dev.distill.engine.student.StudentOutputs;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.student.TeacherLayers;
import dev.distill.engine.student.TokenIdBatch;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.OnnxClassifierTeacher;
import dev.distill.engine.train.TorchRuntime;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.bert.Pooling;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import dev.distill.runtime.EncodedBatch;
import dev.distill.runtime.ModelConfig;
import dev.distill.runtime.TextEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A TRANSFORMER student cut from a real teacher, untrained: the strongest checks of the mapping from the teacher's
 * tensors to the student's, in DJL and in its exported ONNX graph.
 */
class CutFromTeacherTest {

    private static final int MAX_LENGTH = 64;
    /** DJL and ONNX Runtime against ONNX Runtime on the teacher: float sums in other orders over 6 layers. */
    private static final double TOLERANCE = 1e-4;
    /** SST-2 dev sentences, short and long, so that padding and masking take part. */
    private static final List<String> TEXTS = List.of(
            "it 's a charming and often affecting journey . ",
            "unflinchingly bleak and desperate ",
            "the acting , costumes , music , cinematography and sound are all astounding given the production 's"
                    + " austere locales . ",
            "a sometimes tedious film . ",
            "it 's slow -- very , very slow . ");

    @Test
    void aStudentOfAllTheLayersAndTheHeadOfTheSharedTeacherGivesItsLogits() {
        Path folder = EngineFixtures.sharedOrSkip().resolve("teachers/sst2-minilm");
        assumeTrue(Files.isRegularFile(folder.resolve("model.onnx")), "skipped: no " + folder);
        Path model = folder.resolve("model.onnx");
        Path tokenizer = folder.resolve("tokenizer.json");
        List<String> labels = ModelConfig.read(folder.resolve("config.json")).labels();
        List<String> log = new ArrayList<>();
        float[][] teacherLogits;
        try (OnnxClassifierTeacher teacher = OnnxClassifierTeacher.open(model, tokenizer, labels, MAX_LENGTH, 1)) {
            teacherLogits = teacher.logits(TEXTS);
        }
        TorchRuntime.start(1);
        try (TextEncoder encoder = TextEncoder.load(tokenizer, MAX_LENGTH);
                NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StudentDesign<?> design = StudentArchitectures.design(plan(0, new int[] {1, 2, 3, 4, 5, 6}),
                    TeacherLayers.of(model), encoder.vocabularySize(), labels.size(), log::add);
            assertEquals(6, ((TransformerGraph) design.graph()).layers());
            assertTrue(design.weights().sets("out.w"), "the teacher's classifier is the student's output layer");
            Student student = loaded(manager, design);
            int[][] rows = tokenIds(encoder, TEXTS);
            float[][] djl = rowsOf(outputs(manager, student, rows).logits());
            float[][] onnx = exported(student, rows);
            assertClose(teacherLogits, djl, "DJL's logits against the teacher's");
            assertClose(teacherLogits, onnx, "the exported graph's logits against the teacher's");
        }
        assertTrue(log.stream().anyMatch(line -> line.contains("its layers 1, 2, 3, 4, 5, 6 of 6")), log.toString());
    }

    /**
     * The first three layers of langchain4j's int8 MiniLM: the student's sentence vector is the masked mean of the
     * teacher's layer-3 state. DJL's sentence vector is compared with the exported graph's, read through an identity
     * output layer; that graph, on the same cut weights, is checked against a plain-Java BERT forward pass on the
     * teacher's dequantized weights at 1e-4 in distill-onnx ({@code TeacherCutTest}, where that reference lives), so
     * the two checks together pin DJL to the teacher's layer 3. (Against the int8 encoder itself the float student
     * differs by ONNX Runtime's activation rounding, a cosine of about 0.98 after 6 layers: too loose to catch a
     * mapping error.)
     */
    @Test
    void aStudentOfTheFirstThreeLayersPoolsTheTeachersThirdLayerState() {
        int width = 384;
        TorchRuntime.start(1);
        try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), MAX_LENGTH);
                NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StudentDesign<?> design = StudentArchitectures.design(plan(0, new int[] {1, 2, 3}),
                    TeacherLayers.of(EngineFixtures.encoder()), encoder.vocabularySize(), width, line -> { });
            assertFalse(design.weights().sets("out.w"), "an encoder has no classifier to copy");
            Student student = loaded(manager, design);
            float[] identity = new float[width * width];
            for (int i = 0; i < width; i++) {
                identity[i * width + i] = 1f;
            }
            student.loadWeights(new InitialWeights(StudentWeights.of(List.of(
                    Tensor.of("out.w", identity, width, width), Tensor.of("out.b", new float[width], width))),
                    "an identity output layer"));
            int[][] rows = tokenIds(encoder, TEXTS);
            float[][] djl = rowsOf(outputs(manager, student, rows).signal(Signal.POOLED));
            float[][] onnx = exported(student, rows);
            assertClose(onnx, djl, "DJL's sentence vectors against the exported graph's");
        }
    }

    /** A student that pools the [CLS] row, as it does when its teacher's head reads that row: DJL as its graph. */
    @Test
    void aStudentPoolingTheClsRowComputesInDjlWhatItsGraphComputes() {
        TorchRuntime.start(1);
        try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), MAX_LENGTH);
                NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StudentDesign<?> mean = StudentArchitectures.design(plan(0, new int[] {1, 2}),
                    TeacherLayers.of(EngineFixtures.encoder()), encoder.vocabularySize(), 2, line -> { });
            TransformerGraph g = (TransformerGraph) mean.graph();
            TransformerGraph cls = new TransformerGraph(g.sizes(), g.layers(), g.heads(), g.feedForwardSize(),
                    g.maxLength(), g.layerNormEpsilon(), Pooling.CLS);
            Student student = loaded(manager, new StudentDesign<>(new TransformerArchitecture(), cls, null,
                    mean.weights()));
            int[][] rows = tokenIds(encoder, TEXTS);
            float[][] djl = rowsOf(outputs(manager, student, rows).logits());
            float[][] onnx = exported(student, rows);
            assertClose(onnx, djl, "DJL's logits against the exported graph's");
        }
    }

    @Test
    void aDefaultStudentTakesHalfTheTeachersLayersTheLastIncluded() {
        List<String> log = new ArrayList<>();
        try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), MAX_LENGTH)) {
            StudentDesign<?> design = StudentArchitectures.design(plan(0, new int[0]),
                    TeacherLayers.of(EngineFixtures.encoder()), encoder.vocabularySize(), 2, log::add);
            TransformerGraph graph = (TransformerGraph) design.graph();
            assertEquals(List.of(3, 384, 12, 1536), List.of(graph.layers(), graph.sizes().embeddingSize(),
                    graph.heads(), graph.feedForwardSize()));
            assertTrue(log.stream().anyMatch(line -> line.contains("its layers 2, 4, 6 of 6")), log.toString());
            // heads = 4 and hiddenSize = 256 are the annotation's defaults: not used, and no warning.
            assertFalse(log.stream().anyMatch(line -> line.contains("warning")), log.toString());
        }
    }

    @Test
    void aSizeSetToAnotherValueThanTheTeachersIsAWarning() {
        List<String> log = new ArrayList<>();
        try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), MAX_LENGTH)) {
            StudentArchitectures.design(new StudentPlan(Architecture.TRANSFORMER, 256, 256, new int[] {3}, 1,
                    new int[0], 4, MAX_LENGTH, Embeddings.AUTO), TeacherLayers.of(EngineFixtures.encoder()),
                    encoder.vocabularySize(), 2, log::add);
        }
        assertTrue(log.stream().anyMatch(line -> line.contains("warning: student.embeddingSize = 256 is not used")
                && line.contains("its teacher's 384")), log.toString());
    }

    @Test
    void aTeacherLayerOutOfRangeNamesTheTeachersLayerCount() {
        try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), MAX_LENGTH)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StudentArchitectures.design(plan(0, new int[] {2, 9}),
                            TeacherLayers.of(EngineFixtures.encoder()), encoder.vocabularySize(), 2, line -> { }));
            assertTrue(e.getMessage().contains("teacher layer 9") && e.getMessage().contains("the teacher has 6"
                    + " layers"), e.getMessage());
        }
    }

    /** A teacher that is no BERT (here a BiLSTM classifier's graph) cannot give a TRANSFORMER its layers. */
    @Test
    void aTeacherThatIsNotBertIsABuildErrorSuggestingBiLstm() throws Exception {
        TorchRuntime.start(1);
        Path teacher = Files.createTempFile("distill-bilstm-teacher-", ".onnx");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StudentDesign<?> bilstm = StudentArchitectures.design(new StudentPlan(Architecture.BILSTM, 16, 8,
                    new int[] {3}, 0, 4, 16, Embeddings.RANDOM), 40, 2);
            Student network = bilstm.create(0f);
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
            OnnxModels.write(StudentGraphs.fp32(network.graph(), network.exportWeights(), Map.of()), teacher);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StudentArchitectures.design(plan(0, new int[0]), TeacherLayers.of(teacher), 40, 2,
                            line -> { }));
            assertTrue(e.getMessage().contains("student.architecture = TRANSFORMER is cut from the teacher's layers")
                    && e.getMessage().contains(teacher.toString()) && e.getMessage().contains("looked for")
                    && e.getMessage().contains("Architecture.BILSTM"), e.getMessage());
        } finally {
            Files.deleteIfExists(teacher);
        }
    }

    private static StudentPlan plan(int layers, int[] teacherLayers) {
        return new StudentPlan(Architecture.TRANSFORMER, 128, 256, new int[] {3, 4, 5}, layers, teacherLayers, 4,
                MAX_LENGTH, Embeddings.AUTO);
    }

    private static Student loaded(NDManager manager, StudentDesign<?> design) {
        Student student = design.create(0f);
        student.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
        student.loadWeights(design.weights());
        return student;
    }

    private static StudentOutputs outputs(NDManager manager, Student student, int[][] rows) {
        return student.outputs(new ParameterStore(manager, false), TokenIdBatch.of(rows).toNDList(manager), false);
    }

    /** The teacher tokenizer's ids of each text, without padding, as the transfer set holds them. */
    private static int[][] tokenIds(TextEncoder encoder, List<String> texts) {
        EncodedBatch batch = encoder.encode(texts);
        int[][] rows = new int[texts.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.stream(batch.inputIds()[i], 0, batch.lengths()[i]).mapToInt(Math::toIntExact).toArray();
        }
        return rows;
    }

    private static float[][] rowsOf(NDArray array) {
        int columns = Math.toIntExact(array.getShape().get(1));
        float[] values = array.toFloatArray();
        float[][] rows = new float[values.length / columns][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(values, i * columns, (i + 1) * columns);
        }
        return rows;
    }

    private static void assertClose(float[][] expected, float[][] actual, String what) {
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                max = Math.max(max, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        assertTrue(max <= TOLERANCE, what + ": max difference " + max);
    }

    /** The outputs of {@code student}'s exported fp32 graph for {@code rows}, run by ONNX Runtime. */
    private static float[][] exported(Student student, int[][] rows) {
        try (OrtLogits session = OrtLogits.open(StudentGraphs.fp32(student.graph(), student.exportWeights(),
                Map.of()), 1)) {
            return session.logits(rows, rows.length);
        }
    }
}
