package dev.distill.onnx.prune;

import static dev.distill.onnx.prune.PrunedLogits.SPECIALS;
import static dev.distill.onnx.prune.PrunedLogits.UNK;
import static dev.distill.onnx.prune.PrunedLogits.seenIds;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.Close;
import dev.distill.onnx.Ort;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.student.RandomStudents;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.MeanEmbeddingGraph;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pruned models give the same logits for the ids they kept, on float and int8 graphs, here on {@link MeanEmbeddingGraph}; each
 * student is pruned in the engine's tests ({@code StudentArchitectureContract}).
 */
class VocabularyPrunerTest {

    @Test
    void floatAndInt8ModelsKeepTheirLogitsForSeenIds() {
        ModelProto fp32 = floatStudent();
        PrunedLogits.assertPruningKeepsLogits(fp32, "mean embedding fp32");
        PrunedLogits.assertPruningKeepsLogits(new DynamicInt8Quantizer().quantize(fp32).model(),
                "mean embedding int8");
    }

    /** Per-row int8 scales are row-local, so pruning before or after quantizing gives the same model output. */
    @Test
    void pruningCommutesWithQuantization() {
        ModelProto fp32 = floatStudent();
        DynamicInt8Quantizer quantizer = new DynamicInt8Quantizer();
        ModelProto quantizedThenPruned = VocabularyPruner.prune(quantizer.quantize(fp32).model(), seenIds(), SPECIALS, UNK)
                .model();
        ModelProto prunedThenQuantized = quantizer.quantize(VocabularyPruner.prune(fp32, seenIds(), SPECIALS, UNK)
                .model()).model();
        long[][][] batch = RandomStudents.batch(RandomStudents.lengths(32, 20, 35), 20, 36);
        try (Ort first = Ort.of(quantizedThenPruned); Ort second = Ort.of(prunedThenQuantized)) {
            Close.assertClose(first.run2d(batch[0], batch[1], ClassifierGraph.LOGITS),
                    second.run2d(batch[0], batch[1], ClassifierGraph.LOGITS), 1e-6, "prune/quantize order");
        }
    }

    @Test
    void unseenIdsReadTheFallbackRow() {
        Set<Long> seen = seenIds();
        PrunedModel pruned = VocabularyPruner.prune(floatStudent(), seen, SPECIALS, UNK);
        long unseen = firstUnseen(seen);
        long[][] withUnseen = {{101, unseen, 102}};
        long[][] withUnk = {{101, UNK, 102}};
        long[][] mask = {{1, 1, 1}};
        try (Ort session = Ort.of(pruned.model())) {
            float[] actual = session.run2d(withUnseen, mask, ClassifierGraph.LOGITS)[0];
            float[] expected = session.run2d(withUnk, mask, ClassifierGraph.LOGITS)[0];
            Close.assertClose(expected, actual, 0, "unseen id " + unseen + " vs [UNK]");
        }
    }

    @Test
    void idOutsideTheVocabularyIsNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> VocabularyPruner.prune(floatStudent(), Set.of(1L, 2L), SPECIALS, 500));
        assertTrue(error.getMessage().contains("fallback id 500") && error.getMessage().contains("[0, 500)"),
                error.getMessage());
    }

    private static long firstUnseen(Set<Long> seen) {
        for (long id = 1; ; id++) {
            if (!seen.contains(id) && !SPECIALS.contains(id)) {
                return id;
            }
        }
    }

    private static ModelProto floatStudent() {
        MeanEmbeddingGraph shape = MeanEmbeddingGraph.small();
        return StudentGraphs.fp32(shape, RandomStudents.weights(shape, 34), Map.of());
    }
}
