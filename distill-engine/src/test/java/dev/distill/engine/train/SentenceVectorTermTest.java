package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.engine.init.TeacherEmbeddingTable;
import dev.distill.engine.init.TeacherEmbeddings;
import dev.distill.engine.student.StudentDesign;
import dev.distill.engine.data.LabelSet;
import dev.distill.engine.data.TextDataset;
import dev.distill.engine.data.TrainingData;
import dev.distill.engine.data.TransferSet;
import dev.distill.engine.data.TransferSetBuilder;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.student.StudentOutputs;
import dev.distill.engine.teacher.EngineFixtures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hidden-state term: its math on known arrays, and a real student trained with it through its adapter. */
class SentenceVectorTermTest {

    @Test
    void isTheMeanSquaredErrorOfTheVectorsCentredAndScaledToUnitRms() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            // Centred: the teacher's [[0, -2], [0, 2]] (RMS sqrt 2: [[0, -1.414], [0, 1.414]]), the student's
            // [[0.5, -1], [-0.5, 1]] (RMS sqrt 0.625: [[0.632, -1.265], [-0.632, 1.265]]).
            NDArray teacher = manager.create(new float[][] {{5, -2}, {5, 2}});
            NDArray student = manager.create(new float[][] {{1, -1}, {0, 1}});
            NDArray logits = manager.zeros(new ai.djl.ndarray.types.Shape(2, 2));
            LossBatch batch = new LossBatch(StudentOutputs.of(logits, student), manager.create(new long[] {0, 1}),
                    Map.of(Signal.POOLED, teacher), 1f);
            double a = 0.5 / Math.sqrt(0.625);
            double d = Math.sqrt(2) - 1 / Math.sqrt(0.625);
            assertEquals((2 * a * a + 2 * d * d) / 4, new SentenceVectorTerm(1f).compute(batch).getFloat(), 1e-5);
            LossBatch scaledCopy = new LossBatch(StudentOutputs.of(logits, teacher.mul(7).add(3)),
                    manager.create(new long[] {0, 1}), Map.of(Signal.POOLED, teacher), 1f);
            assertEquals(0f, new SentenceVectorTerm(1f).compute(scaledCopy).getFloat(), 1e-5f,
                    "the same vectors up to scale and offset");

            LossBatch narrow = new LossBatch(StudentOutputs.of(logits, manager.create(new float[][] {{1}, {2}})),
                    manager.create(new long[] {0, 1}), Map.of(Signal.POOLED, teacher), 1f);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SentenceVectorTerm(1f).compute(narrow));
            assertTrue(e.getMessage().contains("(2, 1)") && e.getMessage().contains("(2, 2)"), e.getMessage());
        }
    }

    @Test
    void aStudentLearnsTheTeachersSentenceVectorsThroughItsAdapterWhichIsNotExported() {
        TextDataset train = EngineFixtures.sst2Train(400);
        TrainingData data = new TrainingData(LabelSet.of(EngineFixtures.SST2_LABELS), train, EngineFixtures.sst2Dev(),
                null, false, Map.of());
        TrainingConfig config = TrainingConfig.builder().epochs(4).batchSize(16).learningRate(5e-3f).temperature(2f)
                .alpha(0.7f).hiddenWeight(5f).seed(5).patience(0).threads(1).progressIntervalSeconds(60).build();
        DistillationLoss loss = DistillationLoss.of(config);
        assertEquals(Set.of(Signal.LOGITS, Signal.POOLED), loss.teacherSignals());
        TransferSet set = new TransferSetBuilder(EngineFixtures.probeTeacher(), Sst2Fixture.MAX_LENGTH)
                .signals(loss.teacherSignals()).build(data);

        // The teacher's own word embeddings: their mean is close to what the teacher's mean-pooled vector says.
        StudentDesign<?> random = Sst2Fixture.design(Architecture.BAG_OF_EMBEDDINGS);
        StudentDesign<?> design = random.withEmbeddings(TeacherEmbeddings.choose(Embeddings.TEACHER,
                TeacherEmbeddingTable.of(EngineFixtures.encoder()), random.sizes().vocabularySize(),
                random.sizes().embeddingSize()).embeddings().orElseThrow());
        try (TrainedStudent trained = new DistillationTrainer(config, line -> { })
                .train(design, set.train(), set.dev())) {
            List<EpochSummary> epochs = trained.history().epochs();
            List<String> names = epochs.get(0).lossTerms().stream().map(LossTermValue::name).toList();
            assertEquals(List.of("soft", SentenceVectorTerm.NAME, "hard"), names);
            double first = epochs.get(0).lossTerms().get(1).value();
            double last = epochs.get(epochs.size() - 1).lossTerms().get(1).value();
            assertTrue(last < 0.9 * first, "the hidden term fell from " + first + " to " + last);
            assertEquals(Set.of("embedding", "fc1.w", "fc1.b", "out.w", "out.b"),
                    trained.exportWeights().tensors().keySet(), "the adapter is not part of the exported student");
        }
    }
}
