package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Settings are checked when built, and a bad one is named in the message. */
class TrainingConfigTest {

    @Test
    void namesTheRejectedSettingItsValueAndTheRange() {
        assertEquals("training setting alpha is 1.5; expected a weight in [0, 1] (0 = gold labels only)",
                assertThrows(IllegalArgumentException.class,
                        () -> TrainingConfig.builder().alpha(1.5f).build()).getMessage());
        assertEquals("training setting batchSize is 0; expected at least 1",
                assertThrows(IllegalArgumentException.class,
                        () -> TrainingConfig.builder().batchSize(0).build()).getMessage());
        assertEquals("training setting learningRate is NaN; expected a finite value > 0",
                assertThrows(IllegalArgumentException.class,
                        () -> TrainingConfig.builder().learningRate(Float.NaN).build()).getMessage());
        assertEquals("training setting warmupFraction is 1.0; expected a value in [0, 1)",
                assertThrows(IllegalArgumentException.class,
                        () -> TrainingConfig.builder().warmupFraction(1f).build()).getMessage());
    }

    @Test
    void finalTemperatureDefaultsToTheInitialOneAndToBuilderRoundTrips() {
        TrainingConfig config = TrainingConfig.builder().temperature(4f).epochs(7).build();
        assertEquals(4f, config.finalTemperature());
        TrainingConfig copy = config.toBuilder().finalTemperature(1f).build();
        assertEquals(7, copy.epochs());
        assertEquals(1f, copy.finalTemperature());
        assertEquals(2.5f, copy.temperatureSchedule(3).at(1));
    }

    /**
     * A copy keeps every setting, the adaptive thread count too: the build's trainers get their configuration through
     * toBuilder (the hidden-weight choice, the tabular and image builds), and a copy that dropped it turned the
     * thread-cliff guard off in every real build.
     */
    @Test
    void toBuilderKeepsEverySetting() {
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(16).accumulationSteps(2)
                .learningRate(0.002f).weightDecay(0.05f).warmupFraction(0.1f).gradientClip(0.5f).temperature(3f)
                .finalTemperature(1.5f).alpha(0.4f).hiddenWeight(0.2f).layerWeight(0.3f).attentionWeight(0.1f)
                .seed(7).patience(2).threads(2).adaptiveThreads(true).dropout(0.2f).build();
        TrainingConfig copy = config.toBuilder().build();
        assertTrue(copy.adaptiveThreads(), "the adaptive thread count survives the copy");
        assertEquals(config.toString(), copy.toString());
    }
}
