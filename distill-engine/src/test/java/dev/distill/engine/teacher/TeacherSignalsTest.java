package dev.distill.engine.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.signal.Signal;
import dev.distill.runtime.FloatTensor;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pooled sentence vector of real teachers: the MiniLM probe's classifier folder served as an ONNX
 * classifier (its head's input found in the graph) against the in-memory probe's own embedding.
 */
class TeacherSignalsTest {

    private static final List<String> TEXTS = List.of("a gorgeous , witty , seductive movie .",
            "dull", "the plot is nothing but boilerplate clichés from start to finish .", "fun");

    @Test
    void anOnnxClassifierGivesTheInputOfItsHeadAsThePooledSignal() {
        LinearProbeTeacher probe = EngineFixtures.probeTeacher();
        try (OnnxClassifierTeacher teacher = OnnxClassifierTeacher.openFolder(EngineFixtures.probeFolder(), 0, 1)) {
            assertEquals(Set.of(Signal.LOGITS, Signal.POOLED), teacher.signals());
            List<TeacherOutput> outputs = teacher.outputs(TEXTS, Set.of(Signal.LOGITS, Signal.POOLED));
            float[][] embeddings = probe.embed(TEXTS);
            float[][] logits = teacher.logits(TEXTS);
            assertEquals(TEXTS.size(), outputs.size());
            for (int i = 0; i < TEXTS.size(); i++) {
                FloatTensor pooled = outputs.get(i).signal(Signal.POOLED);
                assertArrayEquals(new long[] {384}, pooled.shape());
                assertArrayEquals(embeddings[i], pooled.values(), 1e-4f, "pooled vector of text " + i);
                assertArrayEquals(logits[i], outputs.get(i).logits(), 1e-4f, "logits of text " + i);
                assertArrayEquals(probe.head().apply(pooled.values()), outputs.get(i).logits(), 1e-3f,
                        "the head applied to the pooled vector gives the logits of text " + i);
            }
        }
    }

    /**
     * Batches of 3 texts sorted by length: [fun, dull, a gorgeous ...] then [the plot ...]. The int8
     * encoder's values move with padding, so the expected embeddings are those of the same batches.
     */
    @Test
    void theProbeGivesItsEmbeddingAsThePooledSignalInTheOrderOfTheTexts() {
        LinearProbeTeacher probe = EngineFixtures.probeTeacher();
        List<TeacherOutput> outputs = new BatchedTeacherRun(probe, 3, ProgressListener.NONE)
                .outputs(TEXTS, Set.of(Signal.POOLED), i -> "text " + i);
        float[][] logits = new BatchedTeacherRun(probe, 3, ProgressListener.NONE).logits(TEXTS, i -> "text " + i);
        float[][] firstBatch = probe.embed(List.of(TEXTS.get(3), TEXTS.get(1), TEXTS.get(0)));
        float[][] expected = {firstBatch[2], firstBatch[1], probe.embed(List.of(TEXTS.get(2)))[0], firstBatch[0]};
        for (int i = 0; i < TEXTS.size(); i++) {
            assertArrayEquals(expected[i], outputs.get(i).signal(Signal.POOLED).values(), "text " + i);
            assertArrayEquals(logits[i], outputs.get(i).logits(), "the logits of text " + i);
        }
    }

    @Test
    void aSignalTheTeacherCannotGiveIsNamedWithThoseItCan() {
        try (OnnxClassifierTeacher teacher = OnnxClassifierTeacher.openFolder(EngineFixtures.probeFolder(), 0, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new BatchedTeacherRun(teacher, 8, ProgressListener.NONE)
                            .outputs(TEXTS, Set.of(Signal.ATTENTIONS), i -> "text " + i));
            assertTrue(e.getMessage().contains("OnnxClassifierTeacher cannot give [attentions]")
                    && e.getMessage().contains("pooled"), e.getMessage());
        }
    }
}
