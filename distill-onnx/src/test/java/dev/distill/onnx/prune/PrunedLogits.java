package dev.distill.onnx.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.Close;
import dev.distill.onnx.Ort;
import dev.distill.onnx.student.RandomStudents;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test fixture: a student pruned to 150 seen ids of {@value RandomStudents#VOCABULARY} gives the same logits as
 * before for texts of those ids. Shared by this module's pruner tests and the engine's tests of each student.
 */
public final class PrunedLogits {

    /** The fallback row of unseen ids. */
    public static final long UNK = 100;
    /** The special tokens every pruned table keeps. */
    public static final Set<Long> SPECIALS = Set.of(0L, 100L, 101L, 102L);

    private PrunedLogits() {
    }

    /** Prunes {@code model} to {@link #seenIds()} and asserts its size and its logits on 64 texts of seen ids. */
    public static void assertPruningKeepsLogits(ModelProto model, String what) {
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

    /** 150 random ids of the {@value RandomStudents#VOCABULARY}. */
    public static Set<Long> seenIds() {
        Random random = new Random(30);
        Set<Long> seen = new TreeSet<>();
        while (seen.size() < 150) {
            seen.add((long) random.nextInt(RandomStudents.VOCABULARY));
        }
        return seen;
    }
}
