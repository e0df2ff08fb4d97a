package dev.distill.engine.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.distill.engine.StagePause;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine's fork entry ({@link EngineMain}) run as a child JVM, as the Maven goal runs it: the
 * test JVM's class path, offline, one thread. Its standard input stays an open pipe, as the goal
 * keeps it. The test reads its output as it comes, to kill it at a known point.
 */
final class EngineChild implements AutoCloseable {

    /** No engine run here comes near this; a hang fails the test instead of stalling the build. */
    private static final long LIMIT_MINUTES = 5;

    private final Process process;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());
    private final Thread outPump;

    private EngineChild(Process process) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), out);
        pump(process.getErrorStream(), err);
    }

    /**
     * Starts the engine on a job.
     *
     * @param systemProperties extra {@code key=value} system properties of the child
     */
    static EngineChild start(Path job, String... systemProperties) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        for (String property : systemProperties) {
            command.add("-D" + property);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EngineMain.class.getName(),
                job.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OPT_OUT_TRACKING", "true");
        return new EngineChild(builder.start());
    }

    long pid() {
        return process.pid();
    }

    /** The write end of the child's standard input. */
    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Waits until the child prints the marker of a pause point; fails when it ends first. */
    void awaitPause(String point) throws InterruptedException {
        String marker = StagePause.MARKER + point + " ";
        while (true) {
            synchronized (out) {
                if (out.stream().anyMatch(line -> line.startsWith(marker))) {
                    return;
                }
            }
            if (!outPump.isAlive()) {
                fail("the engine ended before it reached " + point + ":\n" + transcript());
            }
            outPump.join(200);
        }
    }

    /** Kills the child with SIGKILL, as the kernel's OOM killer or {@code kill -9} would, and waits for it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES), "the killed engine did not end");
    }

    /** Waits for the child to end by itself; its exit code. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("the engine did not end within " + LIMIT_MINUTES + " minutes:\n" + transcript());
        }
        outPump.join();
        return process.exitValue();
    }

    /** Runs to the end and asserts success. */
    void assertSucceeds() throws InterruptedException {
        int code = exitCode();
        assertTrue(code == 0, "the engine failed with exit code " + code + ":\n" + transcript());
    }

    /** Everything the child printed so far, standard output then standard error. */
    String transcript() {
        synchronized (out) {
            synchronized (err) {
                return String.join("\n", out) + "\n--- stderr ---\n" + String.join("\n", err);
            }
        }
    }

    List<String> output() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread pump(InputStream stream, List<String> into) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    into.add(line);
                }
            } catch (IOException e) {
                // The stream ends with the child.
            }
        }, "engine-child-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
