package dev.distill.engine.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The throttled progress lines, driven by a hand-set clock (no sleeping, no timing). */
class ProgressListenerTest {

    @Test
    void printsTheFirstCallThenOncePerIntervalAndAlwaysTheEnd() {
        List<String> lines = new ArrayList<>();
        long[] nanos = {0};
        ProgressListener listener = ProgressListener.everyMillis(5_000, "teacher", lines::add, () -> nanos[0]);
        listener.progress(32, 5000);
        nanos[0] = 1_000_000_000L;
        listener.progress(64, 5000);
        nanos[0] = 5_000_000_000L;
        listener.progress(1024, 5000);
        nanos[0] = 6_000_000_000L;
        listener.progress(1056, 5000);
        listener.progress(5000, 5000);
        assertEquals(List.of("teacher: 32 / 5,000 texts", "teacher: 1,024 / 5,000 texts, 198 texts/s, ETA 0:20",
                "teacher: 5,000 / 5,000 texts, 828 texts/s"), lines);
    }

    /**
     * A pass that gives costs (a length-sorted one, cheapest texts first) gets its time left by cost: half the cost
     * done in 10 s leaves 10 s, though far more than half the texts are done.
     */
    @Test
    void theTimeLeftIsByCostWhenThePassGivesOne() {
        List<String> lines = new ArrayList<>();
        long[] nanos = {0};
        ProgressListener listener = ProgressListener.everyMillis(5_000, "probe", lines::add, () -> nanos[0]);
        listener.progress(100, 1000, 1_000, 100_000);
        nanos[0] = 10_000_000_000L;
        listener.progress(800, 1000, 50_500, 100_000);
        assertEquals(List.of("probe: 100 / 1,000 texts", "probe: 800 / 1,000 texts, 70 texts/s, ETA 0:10"), lines);
    }

    /** A listener that follows a second pass gives that pass its own rate, from its own first batch. */
    @Test
    void aSecondPassHasARateOfItsOwn() {
        List<String> lines = new ArrayList<>();
        long[] nanos = {0};
        ProgressListener listener = ProgressListener.everyMillis(5_000, "teacher", lines::add, () -> nanos[0]);
        listener.progress(100, 200);
        nanos[0] = 10_000_000_000L;
        listener.progress(200, 200);
        nanos[0] = 100_000_000_000L;
        listener.progress(50, 10_000);
        nanos[0] = 110_000_000_000L;
        listener.progress(5_050, 10_000);
        assertEquals(List.of("teacher: 100 / 200 texts", "teacher: 200 / 200 texts, 10 texts/s",
                "teacher: 50 / 10,000 texts", "teacher: 5,050 / 10,000 texts, 500 texts/s, ETA 0:10"), lines);
    }
}
