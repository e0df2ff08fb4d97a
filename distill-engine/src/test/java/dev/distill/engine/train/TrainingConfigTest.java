package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
