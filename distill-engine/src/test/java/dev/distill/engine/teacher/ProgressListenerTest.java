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
        assertEquals(List.of("teacher: 32 / 5,000 texts", "teacher: 1,024 / 5,000 texts",
                "teacher: 5,000 / 5,000 texts"), lines);
    }
}
