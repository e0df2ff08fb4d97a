package dev.distill.engine.student;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.distill.annotations.Architecture;
import dev.distill.engine.train.TorchRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rows of an embedding table a student trains, and the table it exports from them. */
class TrainedRowsTest {

    @Test
    void selectsTheTrainedRowsAndExpandsWithTheFallbacksRow() {
        TrainedRows rows = TrainedRows.of(5, new int[] {1, 3, 4}, 3);
        float[] table = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4};
        assertArrayEquals(new float[] {1, 1, 3, 3, 4, 4}, rows.select(table, 2));
        assertArrayEquals(new float[] {3, 3, 1, 1, 3, 3, 3, 3, 4, 4}, rows.expand(rows.select(table, 2), 2));
        assertArrayEquals(new long[] {1, 0, 1, 1, 2}, rows.rowOfId());
        assertEquals("3 of 5 rows", rows.describe());
    }

    @Test
    void badRowsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainedRows.of(5, new int[] {1, 5}, 1))
                .getMessage().contains("trained row id 5 is outside the vocabulary [0, 5)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainedRows.of(5, new int[] {3, 1}, 1))
                .getMessage().contains("ascending without repeats; 1 follows 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainedRows.of(5, new int[] {1, 2}, 4))
                .getMessage().contains("the fallback id 4 is not among the trained rows"));
        TrainedRows rows = TrainedRows.of(5, new int[] {1, 2}, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rows.select(new float[9], 2))
                .getMessage().contains("the table has 9 values, not 5 x 2"));
    }

    /** Each text student looks a trained id up in its own row and any other as the fallback, as pruning does. */
    @ParameterizedTest
    @MethodSource("dev.distill.engine.student.TextArchitectures#all")
    void aStudentWithTrainedRowsAnswersAsItsExportedTableSays(Architecture architecture) {
        TorchRuntime.start(1);
        StudentDesign<?> design = RandomNetworks.designOf(architecture);
        int vocabulary = design.sizes().vocabularySize();
        TrainedRows rows = TrainedRows.of(vocabulary, new int[] {0, 1, 2, 3, 5, 8, 13, 21, 34}, 1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Student kept = design.withTrainedRows(rows).create(0f);
            kept.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
            // A student of the whole table that holds what the kept one exports.
            Student whole = design.create(0f);
            whole.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
            whole.loadWeights(new InitialWeights(kept.exportWeights(), "the kept student's"));
            int[][] ids = {{2, 3, 5}, {8, 13, 21, 34}, {1, 1}};
            float[][] keptLogits = RandomNetworks.logits(manager, kept, TokenIdBatch.of(ids).toNDList(manager));
            float[][] wholeLogits = RandomNetworks.logits(manager, whole, TokenIdBatch.of(ids).toNDList(manager));
            for (int i = 0; i < ids.length; i++) {
                assertArrayEquals(wholeLogits[i], keptLogits[i], 1e-6f, architecture + " row " + i);
            }
            // 40 and 44 are not trained: both are read as the fallback id 1, by the table and the bag's bigrams alike.
            int[][] unseen = {{2, 3, 40, 5}, {8, 44, 13, 21}};
            int[][] asFallback = {{2, 3, 1, 5}, {8, 1, 13, 21}};
            float[][] unseenLogits = RandomNetworks.logits(manager, kept, TokenIdBatch.of(unseen).toNDList(manager));
            float[][] fallbackLogits =
                    RandomNetworks.logits(manager, kept, TokenIdBatch.of(asFallback).toNDList(manager));
            for (int i = 0; i < unseen.length; i++) {
                assertArrayEquals(fallbackLogits[i], unseenLogits[i], 1e-6f, architecture + " row " + i);
            }
        }
    }
}
