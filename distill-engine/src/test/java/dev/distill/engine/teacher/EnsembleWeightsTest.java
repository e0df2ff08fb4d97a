package dev.distill.engine.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.annotations.TeacherWeights;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The arithmetic of an ensemble: the mix its logits stand for, and the two ways of weighing its teachers. */
class EnsembleWeightsTest {

    @Test
    void theLogitsOfTheMixGiveBackTheMixedDistributionAtTheTemperature() {
        float[][] a = {{2f, -1f, 0.5f}, {-30f, 40f, 0f}};
        float[][] b = {{0f, 0f, 3f}, {5f, -5f, 1f}};
        float temperature = 4f;
        double[] weights = {0.3, 0.7};

        float[][] mixed = EnsembleTeacher.mix(List.of(a, b), weights, temperature);

        for (int i = 0; i < a.length; i++) {
            double[] softA = EnsembleTeacher.softmax(a[i], temperature);
            double[] softB = EnsembleTeacher.softmax(b[i], temperature);
            double[] expected = new double[3];
            Arrays.setAll(expected, c -> 0.3 * softA[c] + 0.7 * softB[c]);
            assertArrayEquals(expected, EnsembleTeacher.softmax(mixed[i], temperature), 1e-6, "row " + i);
        }
    }

    @Test
    void fixedWeightsAreTheWrittenOnesNormalised() {
        EnsembleWeights.Weighting weighting = EnsembleWeights.of(TeacherWeights.FIXED, new double[] {1, 3})
                .weigh(List.of(new float[0][], new float[0][]), new int[0], 2f);

        assertArrayEquals(new double[] {0.25, 0.75}, weighting.weights(), 1e-12);
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new FixedEnsembleWeights(new double[] {1, 0}));
        assertTrue(zero.getMessage().contains("@Teacher(weight) in (0, 1000]"), zero.getMessage());
    }

    @Test
    void fittedWeightsGoToTheTeacherThatKnowsTheLabels() {
        Random random = new Random(3);
        int rows = 300;
        int[] gold = new int[rows];
        float[][] knows = new float[rows][];
        float[][] guesses = new float[rows][];
        for (int i = 0; i < rows; i++) {
            gold[i] = random.nextInt(2);
            knows[i] = gold[i] == 0 ? new float[] {2f, -2f} : new float[] {-2f, 2f};
            guesses[i] = random.nextBoolean() ? new float[] {3f, -3f} : new float[] {-3f, 3f};
        }

        EnsembleWeights.Weighting weighting = EnsembleWeights.of(TeacherWeights.FITTED, new double[] {1, 1})
                .weigh(List.of(guesses, knows), gold, 2f);

        assertTrue(weighting.weights()[1] > 0.9, Arrays.toString(weighting.weights()));
        assertEquals(1.0, Arrays.stream(weighting.weights()).sum(), 1e-9);
        assertTrue(weighting.explanation().startsWith("fitted on 300 labelled dev rows"), weighting.explanation());
    }

    @Test
    void fittedWeightsNeedLabelledRows() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new FittedEnsembleWeights().weigh(List.of(new float[][] {{1f, 0f}}, new float[][] {{0f, 1f}}),
                        new int[] {-1}, 2f));

        assertTrue(none.getMessage().contains("needs labelled dev rows"), none.getMessage());
    }
}
