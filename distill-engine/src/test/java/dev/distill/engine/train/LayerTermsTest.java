package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.engine.data.TextDataset;
import dev.distill.engine.data.TokenizedExamples;
import dev.distill.engine.data.TransferSetBuilder;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.StudentArchitectures;
import dev.distill.engine.student.StudentDesign;
import dev.distill.engine.student.StudentOutputs;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.student.TeacherLayers;
import dev.distill.engine.student.TokenIdBatch;
import dev.distill.engine.student.transformer.TransformerArchitecture;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.engine.student.transformer.TransformerGraph;
import dev.distill.engine.teacher.OnnxLayerTeacher;
import dev.distill.runtime.FloatTensor;
import dev.distill.runtime.TextEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The layer and attention terms against the real teacher, langchain4j's int8 MiniLM-L6 encoder, run beside the
 * student by {@link OnnxLayerTeacher}: a student cut from the teacher's first layers starts where the teacher is, a
 * student whose layers are not the teacher's is far from it, a short training logs both terms, and a setting that
 * cannot work is refused by name.
 */
class LayerTermsTest {

    private static final int MAX_LENGTH = 32;
    private static final int WIDTH = 384;
    private static final Set<Signal> LAYER_SIGNALS = Set.of(Signal.HIDDEN_STATES, Signal.ATTENTIONS);

    @Test
    void maskedMeansLeaveThePaddingOut() {
        TorchRuntime.start(1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray logits = manager.zeros(new Shape(1, 2));
            NDArray mask = manager.create(new float[][] {{1, 0}});
            // One layer, two tokens of width 1: the padded token differs wildly and must not count.
            NDArray student = manager.create(new float[] {3, 100}, new Shape(1, 1, 2, 1));
            NDArray teacher = manager.create(new float[] {1, 0}, new Shape(1, 1, 2, 1));
            LossBatch states = new LossBatch(new StudentOutputs(logits, Map.of(Signal.HIDDEN_STATES, student)),
                    manager.create(new long[] {0}), Map.of(Signal.HIDDEN_STATES, teacher), 1f, mask);
            assertEquals(4f, new LayerStateTerm(1f).compute(states).getFloat(), 1e-6f);

            // One head; the real query attends to keys (0.75, 0.25) in the teacher, (0.5, 0.5) in the student. The
            // padded key has no weight in the teacher, so it adds nothing; the padded query is left out.
            NDArray teacherAttention = manager.create(new float[] {0.75f, 0.25f, 0.3f, 0.7f}, new Shape(1, 1, 2, 2));
            NDArray studentAttention = manager.create(new float[] {0.5f, 0.5f, 0.9f, 0.1f}, new Shape(1, 1, 2, 2));
            NDArray twoRealTokens = manager.create(new float[][] {{1, 1}});
            LossBatch attention = new LossBatch(new StudentOutputs(logits, Map.of(Signal.ATTENTIONS,
                    studentAttention)), manager.create(new long[] {0}), Map.of(Signal.ATTENTIONS, teacherAttention),
                    1f, twoRealTokens);
            double first = 0.75 * Math.log(0.75 / 0.5) + 0.25 * Math.log(0.25 / 0.5);
            double second = 0.3 * Math.log(0.3 / 0.9) + 0.7 * Math.log(0.7 / 0.1);
            assertEquals((first + second) / 2, new AttentionTerm(1f).compute(attention).getFloat(), 1e-5);
            NDArray oneKey = manager.create(new float[] {1f, 0f, 0.3f, 0.7f}, new Shape(1, 1, 2, 2));
            LossBatch padded = new LossBatch(new StudentOutputs(logits, Map.of(Signal.ATTENTIONS, studentAttention)),
                    manager.create(new long[] {0}), Map.of(Signal.ATTENTIONS, oneKey), 1f, mask);
            assertEquals(Math.log(1 / 0.5), new AttentionTerm(1f).compute(padded).getFloat(), 1e-5);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LayerStateTerm(1f)
                    .compute(new LossBatch(states.student(), states.labels(), Map.of(), 1f, mask)));
            assertTrue(e.getMessage().contains("'layers'") && e.getMessage().contains("hidden_states"),
                    e.getMessage());
        }
    }

    /**
     * The strongest check of which teacher layer each student layer meets: a student made of the teacher's first three
     * layers, untrained, computes the teacher's layers 1, 2 and 3 (up to the int8 teacher's rounding of its
     * activations, which a float student does not do), so both terms are near 0; the same student against the
     * teacher's layers 2, 3, 4 (consecutive layers differ little: the residual carries most of a state on), and a
     * random student, are far from it.
     */
    @Test
    void aStudentOfTheTeachersFirstLayersStartsAtTheTeachersLayersAndOthersDoNot() {
        double[][] measured = copiedShiftedRandom(TeacherLayers.of(EngineFixtures.encoder()));
        double[] copied = measured[0];
        for (int k = 0; k < 2; k++) {
            String term = k == 0 ? "layer" : "attention";
            assertTrue(copied[k] < 0.1 * measured[1][k] && copied[k] < 0.01 * measured[2][k], term + " term: copied "
                    + copied[k] + ", against the next teacher layers " + measured[1][k] + ", random " + measured[2][k]);
        }
        assertTrue(copied[0] < 1e-2 && copied[1] < 1e-2, Arrays.toString(copied));
    }

    /** The same against the shared fp32 SST-2 MiniLM classifier, which rounds nothing: the terms are 0 to float sums. */
    @Test
    void aStudentOfTheFp32TeachersFirstLayersIsAtZero() {
        Path model = EngineFixtures.sharedOrSkip().resolve("teachers/sst2-minilm/model.onnx");
        assumeTrue(Files.isRegularFile(model), "skipped: no " + model);
        double[][] measured = copiedShiftedRandom(TeacherLayers.of(model));
        assertTrue(measured[0][0] < 1e-8 && measured[0][1] < 1e-6, Arrays.toString(measured[0]));
        assertTrue(measured[1][0] > 1e-2 && measured[1][1] > 1e-2, Arrays.toString(measured[1]));
    }

    /**
     * {@code [copied, shifted, random][layer term, attention term]}: a student of the teacher's layers 1, 2, 3 against
     * those layers and against layers 2, 3, 4, and a random student against layers 1, 2, 3.
     */
    private static double[][] copiedShiftedRandom(TeacherLayers teacher) {
        TorchRuntime.start(1);
        int[][] rows = tokenRows(EngineFixtures.sst2Train(16).texts());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            StudentDesign<?> design = cut(teacher, new int[] {1, 2, 3});
            Student copy = initialized(manager, design);
            copy.loadWeights(design.weights());
            Student random = initialized(manager, design);
            double[][] measured = {terms(manager, copy, teacher, new int[] {1, 2, 3}, rows),
                    terms(manager, copy, teacher, new int[] {2, 3, 4}, rows),
                    terms(manager, random, teacher, new int[] {1, 2, 3}, rows)};
            System.out.printf("%s: layer term: copied %.3g, shifted %.3g, random %.3g; attention term: copied %.3g,"
                    + " shifted %.3g, random %.3g%n", teacher.model().getFileName(), measured[0][0], measured[1][0],
                    measured[2][0], measured[0][1], measured[1][1], measured[2][1]);
            return measured;
        }
    }

    @Test
    void aShortTrainingLogsBothTermsAndWhatTheTeacherBesideItCost() {
        TorchRuntime.start(1);
        TextDataset texts = EngineFixtures.sst2Train(32);
        TokenizedExamples train = new TokenizedExamples(tokenRows(texts.texts()), texts.labels(), null);
        TeacherLayers teacher = TeacherLayers.of(EngineFixtures.encoder());
        int[] layers = {5, 6};
        StudentDesign<?> design = cut(teacher, layers);
        // alpha 0: no soft targets, so the teacher gives only what it computes beside the training.
        TrainingConfig config = TrainingConfig.builder().epochs(2).batchSize(16).alpha(0f).learningRate(1e-4f)
                .layerWeight(1f).attentionWeight(2f).seed(7).patience(0).threads(1).progressIntervalSeconds(600)
                .build();
        DistillationLoss loss = DistillationLoss.of(config);
        assertEquals(Set.of(), loss.transferSetSignals(), "the transfer set keeps no per-token tensor");
        assertEquals(LAYER_SIGNALS, loss.layerSignals());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new DistillationTrainer(config, line -> { }));
        assertTrue(missing.getMessage().contains("LayerTeacher"), missing.getMessage());

        List<String> log = new ArrayList<>();
        try (OnnxLayerTeacher beside = OnnxLayerTeacher.open(teacher.model(), teacher.weights("TRANSFORMER"), layers,
                loss.layerSignals(), 1);
                TrainedStudent trained = new DistillationTrainer(config, loss, beside, log::add)
                        .train(design, train, null)) {
            List<EpochSummary> epochs = trained.history().epochs();
            assertEquals(2, epochs.size());
            for (EpochSummary epoch : epochs) {
                assertEquals(List.of(LayerStateTerm.NAME, AttentionTerm.NAME, "hard"),
                        epoch.lossTerms().stream().map(LossTermValue::name).toList());
                assertEquals(2.0, epoch.lossTerms().get(1).weight(), 1e-6);
                for (LossTermValue term : epoch.lossTerms()) {
                    assertTrue(Double.isFinite(term.value()) && term.value() > 0, term.toString());
                }
            }
            assertTrue(beside.seconds() > 0, "the teacher ran");
            System.out.println("teacher beside the training: " + beside.seconds() + " s for 2 epochs of "
                    + train.size() + " texts; " + log);
        }
        assertTrue(log.stream().anyMatch(line -> line.matches("epoch 1: train loss .* \\(layers [0-9.]+ x 1.0,"
                + " attention [0-9.]+ x 2.0, hard [0-9.]+ x 1.0\\).*")), log.toString());
        assertTrue(log.stream().anyMatch(line -> line.matches("epoch 2: the teacher ran beside the training for"
                + " [0-9.]+ s of the epoch's [0-9.]+ s .*for 32 texts\\)")), log.toString());
    }

    @Test
    void automaticWeightsAreOnForAStudentCutFromTheTeacherAndOffForOthersWithTheReason() {
        TeacherLayers teacher = TeacherLayers.of(EngineFixtures.encoder());
        TrainingConfig automatic = TrainingConfig.builder().build();
        assertTrue(Float.isNaN(automatic.layerWeight()) && Float.isNaN(automatic.attentionWeight()),
                "@Distill's layerWeight and attentionWeight are NaN: automatic");
        assertEquals(List.of("soft", "hard"), names(DistillationLoss.of(automatic)), "unresolved: left out");

        LayerWeightChoice cut = LayerWeightChoice.of(automatic, cut(teacher, new int[] {2, 4, 6}), teacher);
        assertEquals(LayerWeightChoice.AUTOMATIC_WEIGHT, cut.training().layerWeight());
        assertEquals(LayerWeightChoice.AUTOMATIC_WEIGHT, cut.training().attentionWeight());
        assertTrue(cut.layerExplanation().contains("copied from (2, 4, 6)")
                && cut.layerExplanation().endsWith("(layerWeight unset: automatic)"), cut.layerExplanation());
        assertTrue(cut.attentionExplanation().contains("teacher layer 6"), cut.attentionExplanation());
        assertEquals(List.of("soft", LayerStateTerm.NAME, AttentionTerm.NAME, "hard"),
                names(DistillationLoss.of(cut.training())));

        LayerWeightChoice bilstm = LayerWeightChoice.of(automatic, bilstm(), teacher);
        assertEquals(0f, bilstm.training().layerWeight());
        assertEquals(0f, bilstm.training().attentionWeight());
        assertEquals("off: student.architecture = BILSTM copies no teacher layers (layerWeight unset: automatic)",
                bilstm.layerExplanation());
        assertEquals("off (attentionWeight = 0.0)", LayerWeightChoice.of(automatic.toBuilder().attentionWeight(0f)
                .build(), bilstm(), teacher).attentionExplanation());
    }

    @Test
    void aWeightSetForAStudentWithoutTeacherLayersNamesTheSettingAndTheFix() throws Exception {
        TeacherLayers teacher = TeacherLayers.of(EngineFixtures.encoder());
        IllegalArgumentException notCut = assertThrows(IllegalArgumentException.class, () -> LayerWeightChoice.of(
                TrainingConfig.builder().layerWeight(1f).build(), bilstm(), teacher));
        assertTrue(notCut.getMessage().startsWith("layerWeight = 1.0 compares the student's layers")
                && notCut.getMessage().contains("but student.architecture = BILSTM copies no teacher layers;")
                && notCut.getMessage().contains("use student.architecture = TRANSFORMER")
                && notCut.getMessage().contains("or set layerWeight = 0"), notCut.getMessage());
        IllegalArgumentException attention = assertThrows(IllegalArgumentException.class, () -> LayerWeightChoice.of(
                TrainingConfig.builder().layerWeight(0f).attentionWeight(0.5f).build(), bilstm(), teacher));
        assertTrue(attention.getMessage().startsWith("attentionWeight = 0.5")
                && attention.getMessage().contains("set attentionWeight = 0"), attention.getMessage());

        // A design that says it was cut from teacher layers, over a teacher whose layers cannot be read: an ONNX
        // graph that is no BERT (the BiLSTM student's own).
        Path notBert = Files.createTempFile("distill-not-bert-", ".onnx");
        TorchRuntime.start(1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Student network = initialized(manager, bilstm());
            OnnxModels.write(StudentGraphs.fp32(network.graph(),
                    network.exportWeights(), Map.of()), notBert);
            StudentDesign<?> claimed = cut(teacher, new int[] {1});
            StudentDesign<?> unreadable = new StudentDesign<>(new TransformerArchitecture(),
                    (TransformerGraph) claimed.graph(), null, null, new int[] {1});
            TeacherLayers broken = TeacherLayers.of(notBert);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerWeightChoice.of(
                    TrainingConfig.builder().layerWeight(2f).build(), unreadable, broken));
            assertTrue(e.getMessage().startsWith("layerWeight = 2.0") && e.getMessage().contains("the teacher's"
                    + " layers cannot be read") && e.getMessage().contains(notBert.toString())
                    && e.getMessage().contains("set layerWeight = 0"), e.getMessage());
            LayerWeightChoice automatic = LayerWeightChoice.of(TrainingConfig.builder().build(), unreadable, broken);
            assertEquals(0f, automatic.training().layerWeight());
            assertTrue(automatic.layerExplanation().startsWith("off: the teacher's layers cannot be read"),
                    automatic.layerExplanation());
        } finally {
            Files.deleteIfExists(notBert);
        }
    }

    /** {@code [layer term, attention term]} of {@code student} against {@code teacherLayers} of the teacher. */
    private static double[] terms(NDManager manager, Student student, TeacherLayers teacher, int[] teacherLayers,
            int[][] rows) {
        Map<Signal, FloatTensor> teacherOutputs;
        try (OnnxLayerTeacher beside = OnnxLayerTeacher.open(teacher.model(), teacher.weights("TRANSFORMER"),
                teacherLayers, LAYER_SIGNALS, 1)) {
            teacherOutputs = beside.outputs(rows, LAYER_SIGNALS);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDList inputs = TokenIdBatch.of(rows).toNDList(scope);
            StudentOutputs outputs = student.outputs(new ParameterStore(scope, false), inputs, false, LAYER_SIGNALS);
            long length = inputs.get(0).getShape().get(1);
            assertEquals(new Shape(rows.length, 3, length, WIDTH), outputs.signal(Signal.HIDDEN_STATES).getShape());
            assertEquals(new Shape(rows.length, 12, length, length), outputs.signal(Signal.ATTENTIONS).getShape());
            assertEquals(Set.of(Signal.POOLED), student.outputs(new ParameterStore(scope, false), inputs, false)
                    .signals().keySet(), "the plain pass gives no layer signal");
            LossBatch batch = new LossBatch(outputs, scope.zeros(new Shape(rows.length), DataType.INT64),
                    TeacherBatches.arrays(scope, teacherOutputs), 1f, inputs.get(1));
            return new double[] {new LayerStateTerm(1f).compute(batch).getFloat(),
                    new AttentionTerm(1f).compute(batch).getFloat()};
        }
    }

    private static StudentDesign<?> cut(TeacherLayers teacher, int[] layers) {
        return StudentArchitectures.design(new StudentPlan(Architecture.TRANSFORMER, 128, 256, new int[] {3}, 0,
                layers, 4, MAX_LENGTH, Embeddings.AUTO), teacher, vocabularySize(), 2, line -> { });
    }

    private static StudentDesign<?> bilstm() {
        return StudentArchitectures.design(new StudentPlan(Architecture.BILSTM, 16, 8, new int[] {3}, 0, 4, 16,
                Embeddings.RANDOM), 40, 2);
    }

    private static Student initialized(NDManager manager, StudentDesign<?> design) {
        Student student = design.create(0f);
        student.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
        return student;
    }

    private static List<String> names(DistillationLoss loss) {
        return loss.terms().stream().map(LossTerm::name).toList();
    }

    private static int vocabularySize() {
        try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), MAX_LENGTH)) {
            return encoder.vocabularySize();
        }
    }

    /** The teacher tokenizer's rows of the texts, unpadded, as the transfer set holds them. */
    private static int[][] tokenRows(List<String> texts) {
        try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), MAX_LENGTH)) {
            return TransferSetBuilder.tokenize(encoder, texts);
        }
    }
}
