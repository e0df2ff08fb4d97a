package dev.distill.engine.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.contract.ElementType;
import dev.distill.contract.InputKind;
import dev.distill.contract.InputTensor;
import dev.distill.engine.signal.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Teachers asked through {@link TeacherModel}, the interface that knows no text: a real text teacher answers
 * {@link TextInputs} as it answers the texts themselves and refuses examples of another kind; a teacher of
 * numeric features implements it without any of the text methods.
 */
class TeacherInputsTest {

    private static final List<String> TEXTS = List.of("a gorgeous , witty , seductive movie .", "dull", "fun");
    private static final InputKind TABULAR = new InputKind("tabular",
            List.of(new InputTensor("features", ElementType.FLOAT, List.of(InputKind.BATCH, "features"))),
            List.of(), List.of("features"));

    /** Rows of numeric features. */
    private record FeatureRows(float[][] rows) implements TeacherInputs {
        @Override
        public InputKind kind() {
            return TABULAR;
        }

        @Override
        public int size() {
            return rows.length;
        }
    }

    /** A linear model on two features and two labels: logits (x0 + x1, x0 - x1). */
    private static final class FeatureTeacher implements TeacherModel {
        @Override
        public List<String> labels() {
            return List.of("sum", "difference");
        }

        @Override
        public InputKind inputKind() {
            return TABULAR;
        }

        @Override
        public List<TeacherOutput> outputs(TeacherInputs examples, Set<Signal> signals) {
            checkSignals(signals);
            List<TeacherOutput> outputs = new ArrayList<>();
            for (float[] x : ((FeatureRows) examples).rows()) {
                outputs.add(TeacherOutput.ofLogits(new float[] {x[0] + x[1], x[0] - x[1]}));
            }
            return outputs;
        }

        @Override
        public String fingerprint() {
            return "sum-difference";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aTextTeacherAnswersTextInputsAsItAnswersTheTexts() {
        LinearProbeTeacher probe = EngineFixtures.probeTeacher();
        TeacherModel teacher = probe;
        assertEquals(InputKind.TEXT, teacher.inputKind());
        List<TeacherOutput> logitsOnly = teacher.outputs(new TextInputs(TEXTS), Set.of(Signal.LOGITS));
        List<TeacherOutput> pooled = teacher.outputs(new TextInputs(TEXTS), Set.of(Signal.POOLED));
        float[][] logits = probe.logits(TEXTS);
        List<TeacherOutput> direct = probe.outputs(TEXTS, Set.of(Signal.POOLED));
        assertEquals(TEXTS.size(), logitsOnly.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertArrayEquals(logits[i], logitsOnly.get(i).logits(), "logits of text " + i);
            assertTrue(logitsOnly.get(i).signals().isEmpty(), "only the logits were asked for");
            assertArrayEquals(direct.get(i).signal(Signal.POOLED).values(),
                    pooled.get(i).signal(Signal.POOLED).values(), "pooled vector of text " + i);
        }
    }

    @Test
    void aTextTeacherRefusesExamplesOfAnotherKind() {
        TeacherModel teacher = EngineFixtures.probeTeacher();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> teacher.outputs(new FeatureRows(new float[][] {{1, 2}, {3, 4}}), Set.of(Signal.LOGITS)));
        assertTrue(e.getMessage().contains("LinearProbeTeacher reads text, not tabular examples (2 of them)"),
                e.getMessage());
    }

    @Test
    void aTeacherOfAnotherKindNeedsNoTextMethods() {
        try (TeacherModel teacher = new FeatureTeacher()) {
            List<TeacherOutput> outputs = teacher.outputs(new FeatureRows(new float[][] {{1, 2}, {5, 3}}),
                    Set.of(Signal.LOGITS));
            assertArrayEquals(new float[] {3, -1}, outputs.get(0).logits());
            assertArrayEquals(new float[] {8, 2}, outputs.get(1).logits());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> teacher.outputs(new FeatureRows(new float[][] {{1, 2}}), Set.of(Signal.POOLED)));
            assertTrue(e.getMessage().contains("FeatureTeacher cannot give [pooled]"), e.getMessage());
        }
    }
}
