package dev.distill.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForkedJvmTest {

    private final ForkedJvm jvm = new ForkedJvm(ForkedJvm.currentJava(), List.of("-Xmx64m"),
            List.of(location(ChildMain.class), location(ForkedJvm.class)),
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
}
