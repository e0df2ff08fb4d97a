package dev.distill.onnx.prune;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.annotations.Architecture;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.Close;
import dev.distill.onnx.Ort;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.student.RandomStudents;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.StudentGraphWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pruned students give the same logits for the ids they kept, on float and int8 graphs. */
class VocabularyPrunerTest {

    private static final long UNK = 100;
    private static final Set<Long> SPECIALS = Set.of(0L, 100L, 101L, 102L);

    @ParameterizedTest
    @MethodSource("dev.distill.onnx.student.RandomStudents#textArchitectures")
    void floatStudentKeepsItsLogitsForSeenIds(Architecture architecture) {
        assertPruningKeepsLogits(floatStudent(architecture), architecture + " fp32");
    }

    @ParameterizedTest
    @MethodSource("dev.distill.onnx.student.RandomStudents#textArchitectures")
    void int8StudentKeepsItsLogitsForSeenIds(Architecture architecture) {
        ModelProto int8 = new DynamicInt8Quantizer().quantize(floatStudent(architecture)).model();
        assertPruningKeepsLogits(int8, architecture + " int8");
    }

    /** Per-row int8 scales are row-local, so pruning before or after quantizing gives the same model output. */
    @Test
    void pruningCommutesWithQuantization() {
        ModelProto fp32 = floatStudent(Architecture.BILSTM);
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
        PrunedModel pruned = VocabularyPruner.prune(floatStudent(Architecture.BAG_OF_EMBEDDINGS), seen, SPECIALS, UNK);
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
                () -> VocabularyPruner.prune(floatStudent(Architecture.CNN), Set.of(1L, 2L), SPECIALS, 500));
        assertTrue(error.getMessage().contains("fallback id 500") && error.getMessage().contains("[0, 500)"),
                error.getMessage());
    }

    private static void assertPruningKeepsLogits(ModelProto model, String what) {
        Set<Long> seen = seenIds();
        PrunedModel pruned = VocabularyPruner.prune(model, seen, SPECIALS, UNK);
        Set<Long> kept = new TreeSet<>(seen);
        kept.addAll(SPECIALS);
        assertEquals(kept.size(), pruned.keptRows());
        assertEquals(RandomStudents.VOCABULARY, pruned.originalRows());
        assertTrue(pruned.bytesAfter() < pruned.bytesBefore(), what + ": " + pruned);
        assertEquals(pruned.model().getSerializedSize(), pruned.bytesAfter());

        long[][][] batch = RandomStudents.batch(RandomStudents.lengths(64, 25, 31), 25, 32);
        Long[] seenArray = seen.toArray(Long[]::new);
        Random random = new Random(33);
        for (long[] row : batch[0]) {
            for (int t = 0; t < row.length; t++) {
                row[t] = seenArray[random.nextInt(seenArray.length)];
            }
        }
        try (Ort original = Ort.of(model); Ort smaller = Ort.of(pruned.model())) {
            Close.assertClose(original.run2d(batch[0], batch[1], ClassifierGraph.LOGITS),
                    smaller.run2d(batch[0], batch[1], ClassifierGraph.LOGITS), 1e-6, what + " pruned");
        }
        System.out.printf("%s: pruned %d -> %d rows, %d -> %d bytes%n", what, pruned.originalRows(),
                pruned.keptRows(), pruned.bytesBefore(), pruned.bytesAfter());
    }

    /** 150 random ids of the 500. */
    private static Set<Long> seenIds() {
        Random random = new Random(30);
        Set<Long> seen = new TreeSet<>();
        while (seen.size() < 150) {
            seen.add((long) random.nextInt(RandomStudents.VOCABULARY));
        }
        return seen;
    }

    private static long firstUnseen(Set<Long> seen) {
        for (long id = 1; ; id++) {
            if (!seen.contains(id) && !SPECIALS.contains(id)) {
                return id;
            }
        }
    }

    private static ModelProto floatStudent(Architecture architecture) {
        StudentGraphWriter shape = RandomStudents.smallShape(architecture);
        return StudentGraphs.fp32(shape, RandomStudents.weights(shape, 34), Map.of());
    }
}
