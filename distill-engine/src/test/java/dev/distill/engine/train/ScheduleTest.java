package dev.distill.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The temperature and learning-rate schedules. */
class ScheduleTest {

    @Test
    void temperatureIsConstantOrLinearFromInitialToFinal() {
        assertEquals(3f, TemperatureSchedule.constant(3f).at(1000));
        TemperatureSchedule linear = TemperatureSchedule.linear(4f, 1f, 11);
        assertEquals(4f, linear.at(0));
        assertEquals(2.5f, linear.at(5), 1e-6f);
        assertEquals(1f, linear.at(10));
        assertEquals(1f, linear.at(50), "past the end keeps the final temperature");
    }

    @Test
    void learningRateWarmsUpLinearlyThenDecaysLinearly() {
        WarmupLinearDecay lr = new WarmupLinearDecay(1f, 0.2f, 10);
        assertEquals(0.5f, lr.getNewValue(1), 1e-6f);
        assertEquals(1f, lr.getNewValue(2), 1e-6f);
        assertEquals(1f, lr.getNewValue(3), 1e-6f);
        assertEquals(0.625f, lr.getNewValue(6), 1e-6f);
        assertEquals(0.125f, lr.getNewValue(10), 1e-6f);
        assertEquals(1f, new WarmupLinearDecay(1f, 0f, 4).getNewValue(1), 1e-6f);
    }
}
