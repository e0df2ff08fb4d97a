package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.distill.annotations.Architecture;
import dev.distill.engine.data.TransferSet;
import dev.distill.engine.export.VocabularyPruning;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.StudentDesign;
import dev.distill.engine.student.TrainedRows;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import dev.distill.runtime.TextEncoder;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Training only the embedding rows that vocabulary pruning keeps gives the student that training the whole table
 * gives, on the real SST-2 slice with DJL's PyTorch engine: the same seed (so the same random first values: the kept
 * rows are drawn as part of the whole table), one epoch, then every tensor compared. The rows pruning drops are the fallback's row in the exported table, as the pruned model looks
 * them up.
 */
class TrainedRowsTrainingTest {

    /** Float rounding only: the clipping norm sums a table of another size. */
    private static final float TOLERANCE = 1e-5f;
    private static final int SEED = 7;

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"BILSTM", "CNN", "BAG_OF_EMBEDDINGS"})
    void trainingOnlyTheKeptRowsGivesTheSameStudent(Architecture architecture) {
        TransferSet data = Sst2Fixture.transferSet();
        StudentDesign<?> design = Sst2Fixture.design(architecture);
        TrainedRows rows;
        long fallback;
        try (TextEncoder encoder = TextEncoder.load(EngineFixtures.tokenizer(), Sst2Fixture.MAX_LENGTH)) {
            VocabularyPruning pruning = VocabularyPruning.of(encoder);
            rows = pruning.trainedRows(Sst2Fixture.vocabularySize(), List.of(data.train(), data.dev()));
            fallback = pruning.fallbackId();
        }
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(32).learningRate(2e-3f)
                .weightDecay(0.01f).warmupFraction(0.1f).gradientClip(1f).temperature(2f).alpha(0.5f).dropout(0.1f)
                .seed(SEED).patience(0).threads(1).progressIntervalSeconds(600).build();
        StudentWeights whole = trained(config, design, data);
        StudentWeights kept = trained(config, design.withTrainedRows(rows), data);
        System.out.printf("%s: trained %s%n", architecture, rows.describe());
        assertTrue(rows.count() < Sst2Fixture.vocabularySize() / 2, rows.describe());

        float[] before = firstValues(design).get("embedding").data();
        float[] keptBefore = firstValues(design.withTrainedRows(rows)).get("embedding").data();
        int width = Math.toIntExact(whole.get("embedding").shape()[1]);
        Set<Long> trainedIds = new TreeSet<>();
        Arrays.stream(rows.ids()).forEach(id -> trainedIds.add((long) id));
        assertTrue(trainedIds.containsAll(VocabularyPruning.seenIds(List.of(data.train(), data.dev())))
                && trainedIds.contains(fallback),
                "every token of the texts, and the fallback, is trained");
        float[] wholeTable = whole.get("embedding").data();
        float[] keptTable = kept.get("embedding").data();
        assertArrayEquals(whole.get("embedding").shape(), kept.get("embedding").shape());
        float[] fallbackRow = row(keptTable, (int) fallback, width);
        float largest = 0;
        float moved = 0;
        for (int id = 0; id < Sst2Fixture.vocabularySize(); id++) {
            if (trainedIds.contains((long) id)) {
                assertArrayEquals(row(before, id, width), row(keptBefore, id, width), 0f,
                        "row " + id + " starts from the whole table's draw");
                assertArrayEquals(row(wholeTable, id, width), row(keptTable, id, width), TOLERANCE,
                        architecture + " embedding row " + id);
                largest = Math.max(largest, largestDifference(row(wholeTable, id, width), row(keptTable, id, width)));
                moved = Math.max(moved, largestDifference(row(before, id, width), row(keptTable, id, width)));
            } else {
                assertArrayEquals(fallbackRow, row(keptTable, id, width), 0f,
                        "id " + id + ", in no text, is exported as the fallback's row");
            }
        }
        // The kept rows did train: the comparison above is not between two untouched tables.
        assertTrue(moved > 1e-3f, "the trained rows moved by at most " + moved);
        for (Tensor tensor : whole.tensors().values()) {
            if (!tensor.name().equals("embedding")) {
                assertArrayEquals(tensor.data(), kept.get(tensor.name()).data(), TOLERANCE,
                        architecture + " " + tensor.name());
                largest = Math.max(largest, largestDifference(tensor.data(), kept.get(tensor.name()).data()));
            }
        }
        System.out.printf("%s: largest difference from training the whole table: %.3g%n", architecture, largest);
        assertEquals(Sst2Fixture.vocabularySize(), rows.vocabulary());
    }

    private static StudentWeights trained(TrainingConfig config, StudentDesign<?> design, TransferSet data) {
        try (TrainedStudent trained = new DistillationTrainer(config, line -> { })
                .train(design, data.train(), data.dev())) {
            return trained.exportWeights();
        }
    }

    /** Every tensor of a network of the design as the trainer first initializes it (seed 7). */
    private static StudentWeights firstValues(StudentDesign<?> design) {
        TorchRuntime.start(1).setRandomSeed(SEED);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Student student = design.create(0f);
            student.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
            return student.exportWeights();
        }
    }

    private static float[] row(float[] table, int id, int width) {
        return Arrays.copyOfRange(table, id * width, (id + 1) * width);
    }

    private static float largestDifference(float[] a, float[] b) {
        float largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.abs(a[i] - b[i]));
        }
        return largest;
    }
}
