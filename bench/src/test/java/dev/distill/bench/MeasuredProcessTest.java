package dev.distill.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Memory is measured over the process tree: a grandchild's memory counts, as the forked engine's does in Maven. */
class MeasuredProcessTest {

    @Test
    void aGrandchildsMemoryCountsTowardsThePeak() throws Exception {
        // sh starts java, which holds 320 MiB of touched heap for a second and a half.
        String java = ProcessHandle.current().info().command().orElse("java");
        String grandchild = "'" + java + "' -Xms320m -Xmx320m -XX:+AlwaysPreTouch -cp '"
                + System.getProperty("java.class.path") + "' '" + Hold.class.getName() + "'";
        MeasuredProcess.Result result = MeasuredProcess.run(List.of("sh", "-c", grandchild + " && echo done"), null,
                line -> { });
        assertEquals(0, result.exitCode(), String.join("\n", result.lines()));
        assertTrue(result.lines().contains("done"), "the output is read: " + result.lines());
        assertTrue(result.largestProcessPeakMiB() > 300, "the pre-touched heap of the grandchild: " + result);
        assertTrue(result.peakRssMiB() >= result.largestProcessPeakMiB(), result.toString());
        assertTrue(result.wallSeconds() >= 1, result.toString());
    }

    /** The grandchild: holds its pre-touched heap for a while. */
    static final class Hold {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(1500);
        }
    }
}
