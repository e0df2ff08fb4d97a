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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A command a test runs as a child process, most often a JVM with this JVM's java and class path: the engine's fork
 * entry ({@link #engine}) as the Maven goal runs it. Its standard input stays an open pipe, as the goal keeps it; its
 * output is read as it comes, so a test can wait for a line and kill the child at a known point.
 */
final class ChildProcess {

    /** No run here comes near this; a hang fails the test instead of stalling the build. */
    private static final long LIMIT_MINUTES = 10;

    private final List<String> prefix = new ArrayList<>();
    private final boolean java;
    private String heap;
    private final List<String> properties = new ArrayList<>();
    private final List<String> program;
    private final Map<String, String> environment = new TreeMap<>();
    private Path directory;
    private String classPath = System.getProperty("java.class.path");

    private ChildProcess(boolean java, List<String> program) {
        this.java = java;
        this.program = List.copyOf(program);
    }

    /** Any command, for example one that looks at the child's namespace. */
    static ChildProcess command(String... words) {
        return new ChildProcess(false, List.of(words));
    }

    /** {@code mainClass} in a JVM with this JVM's class path and no other settings, as a user runs it. */
    static ChildProcess java(String mainClass, List<String> arguments) {
        List<String> program = new ArrayList<>(List.of(mainClass));
        program.addAll(arguments);
        return new ChildProcess(true, program);
    }

    /**
     * The engine's fork entry on a job file, as the goal starts it: offline ({@code -Dai.djl.offline=true} and
     * {@code OPT_OUT_TRACKING=true}), 1 thread for PyTorch's intra- and inter-op pools, 1 GB of heap.
     */
    static ChildProcess engine(Path job) {
        return java(EngineMain.class.getName(), List.of(job.toString())).heap("1g")
                .property("ai.djl.offline", "true")
                .property("ai.djl.pytorch.num_threads", "1")
                .property("ai.djl.pytorch.num_interop_threads", "1")
                .property("org.slf4j.simpleLogger.defaultLogLevel", "warn")
                .environment("OPT_OUT_TRACKING", "true");
    }

    /** The JVM's {@code -Xmx}. */
    ChildProcess heap(String size) {
        this.heap = size;
        return this;
    }

    /** A system property of the JVM. */
    ChildProcess property(String key, String value) {
        properties.add("-D" + key + "=" + value);
        return this;
    }

    /**
     * A variable set for the child. Of this JVM's environment it inherits all but {@code OPT_OUT_TRACKING}: surefire
     * sets that for the tests, and a child that needs it must ask for it.
     */
    ChildProcess environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** A command that wraps the child, for example {@code unshare -rn}. */
    ChildProcess prefix(List<String> words) {
        prefix.addAll(words);
        return this;
    }

    /** The JVM's class path (this JVM's unless given). */
    ChildProcess classPath(String entries) {
        this.classPath = entries;
        return this;
    }

    /** The child's working directory (this JVM's unless given). */
    ChildProcess in(Path folder) {
        this.directory = folder;
        return this;
    }

    List<String> commandLine() {
        List<String> command = new ArrayList<>(prefix);
        if (java) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            if (heap != null) {
                command.add("-Xmx" + heap);
            }
            command.addAll(properties);
            command.addAll(List.of("-cp", classPath));
        }
        command.addAll(program);
        return command;
    }

    /** Starts the child without waiting for it. */
    Running start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(commandLine());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().remove("OPT_OUT_TRACKING");
        builder.environment().putAll(environment);
        return new Running(builder.start(), commandLine());
    }

    /**
     * Runs the child to its end.
     *
     * @return its standard output
     * @throws AssertionError with everything it printed when it exits with another code than 0
     */
    String run() throws IOException, InterruptedException {
        try (Running child = start()) {
            child.assertSucceeds();
            return String.join("\n", child.output()) + "\n";
        }
    }

    /** A started child; closing it kills it. */
    static final class Running implements AutoCloseable {

        private final Process process;
        private final List<String> command;
        private final List<String> out = Collections.synchronizedList(new ArrayList<>());
        private final List<String> err = Collections.synchronizedList(new ArrayList<>());
        private final Thread outPump;
        private final Thread errPump;

        private Running(Process process, List<String> command) {
            this.process = process;
            this.command = command;
            this.outPump = pump(process.getInputStream(), out);
            this.errPump = pump(process.getErrorStream(), err);
        }

        /** The write end of the child's standard input. */
        OutputStream stdin() {
            return process.getOutputStream();
        }

        /** Waits until the engine prints the marker of a pause point; fails when it ends first. */
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
            assertTrue(process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES), "the killed child did not end");
        }

        /** Waits for the child to end by itself; its exit code. */
        int exitCode() throws InterruptedException {
            if (!process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("no end after " + LIMIT_MINUTES + " minutes: " + command + "\n" + transcript());
            }
            outPump.join();
            errPump.join();
            return process.exitValue();
        }

        /** Runs to the end and asserts success. */
        void assertSucceeds() throws InterruptedException {
            int code = exitCode();
            assertTrue(code == 0, "exit code " + code + " of " + command.get(0) + " ... "
                    + command.get(command.size() - 1) + ":\n" + transcript());
        }

        /** Everything the child printed so far, standard output then standard error. */
        String transcript() {
            synchronized (out) {
                synchronized (err) {
                    return String.join("\n", out) + "\n--- stderr ---\n" + String.join("\n", err);
                }
            }
        }

        /** The lines of its standard output so far. */
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
                try (BufferedReader reader =
                        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        into.add(line);
                    }
                } catch (IOException e) {
                    // The stream ends with the child.
                }
            }, "child-process-output");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }
    }
}
