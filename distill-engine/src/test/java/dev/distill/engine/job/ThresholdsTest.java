package dev.distill.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A threshold out of range is named by the property that sets it. */
class ThresholdsTest {

    @Test
    void namesThePropertyTheValueAndTheRange() {
        assertEquals("distill.parityTolerance = 0.0 is outside (0, infinity)", assertThrows(
                IllegalArgumentException.class, () -> new Thresholds(0, 0.99, 0.005)).getMessage());
        assertEquals("distill.minInt8Agreement = 1.5 is outside [0, 1]", assertThrows(
                IllegalArgumentException.class, () -> new Thresholds(1e-4, 1.5, 0.005)).getMessage());
        assertEquals("distill.maxInt8AccuracyDrop = NaN is outside [0, 1]", assertThrows(
                IllegalArgumentException.class, () -> new Thresholds(1e-4, 0.99, Double.NaN)).getMessage());
    }
}
