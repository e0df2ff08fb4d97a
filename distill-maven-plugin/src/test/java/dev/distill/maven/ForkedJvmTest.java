package dev.distill.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.distill.engine.cli.ParentLifeline;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ForkedJvmTest {

    private final ForkedJvm jvm = new ForkedJvm(ForkedJvm.currentJava(), List.of("-Xmx64m"),
            List.of(location(ChildMain.class), location(ForkedJvm.class), location(ParentLifeline.class)),
            Map.of("OPT_OUT_TRACKING", "true"));
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void streamsOutputLines() throws Exception {
        jvm.run(ChildMain.class.getName(), List.of("ok"), Path.of("."), out::add, err::add);
        assertEquals(List.of("step 1/2", "step 2/2"), out);
        assertEquals(List.of("a warning"), err);
    }

    @Test
    void passesTheChildsErrorMessageThroughIntact() {
        ForkedJvm.Failure failure = assertThrows(ForkedJvm.Failure.class,
                () -> jvm.run(ChildMain.class.getName(), List.of("fail"), Path.of("."), out::add, err::add));
        assertEquals("teacher model not found: /x/model.onnx\nfix: set -Ddistill.teacher.model", failure.getMessage());
        assertEquals(1, failure.exitCode());
        assertEquals(List.of("working"), out);
    }

    @Test
    void aCrashReportsTheExitCodeAndTheLastOutput() {
        ForkedJvm.Failure failure = assertThrows(ForkedJvm.Failure.class,
                () -> jvm.run(ChildMain.class.getName(), List.of("crash"), Path.of("."), out::add, err::add));
        assertEquals(137, failure.exitCode());
        assertTrue(failure.getMessage().contains("exited with code 137"), failure.getMessage());
        assertTrue(failure.getMessage().contains("last words"), failure.getMessage());
    }

    @Test
    void theChildStopsWhenTheJvmThatForkedItIsKilled() throws Exception {
        Process parent = new ProcessBuilder(ForkedJvm.currentJava().toString(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), ForkingParent.class.getName(), "lifeline")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ProcessHandle child = null;
        try {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; child == null && (line = lines.readLine()) != null; ) {
                    if (line.startsWith(ChildMain.PID_PREFIX)) {
                        child = ProcessHandle.of(Long.parseLong(line.substring(ChildMain.PID_PREFIX.length())))
                                .orElseThrow();
                    }
                }
            }
            assertTrue(child != null && child.isAlive(), "the forked child did not start");
            parent.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook of the parent runs
            assertTrue(parent.waitFor(1, TimeUnit.MINUTES));
            child.onExit().get(1, TimeUnit.MINUTES);
            assertFalse(child.isAlive(), "the forked JVM outlived the JVM that started it");
        } finally {
            parent.destroyForcibly();
            if (child != null) {
                child.destroyForcibly();
            }
        }
    }
}
