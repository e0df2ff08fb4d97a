package dev.distill.maven;

import dev.distill.engine.cli.ParentLifeline;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a Java main class in a child JVM and streams its output, line by line, as it comes.
 *
 * <p>Training runs in a child JVM because libtorch's native library can be loaded only once per JVM,
 * and a Maven build may hold several plugin class loaders (see ../shared/notes/stack.md, trap 2).
 * The child reports a failure by printing lines that start with {@link #ERROR_PREFIX}; those lines
 * become the build failure's message, intact. The child's standard input is a lifeline: it is kept
 * open and closes only when this JVM ends, which tells a child that watches it
 * ({@link ParentLifeline}) to stop rather than outlive the build.
 */
public final class ForkedJvm {

    /** A line of the child's standard output that starts with this is part of its failure message. */
    public static final String ERROR_PREFIX = "distill-error: ";

    private static final int TAIL_LINES = 30;

    /** What the child left behind when it failed. */
    public static final class Failure extends Exception {
        private final int exitCode;

        Failure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Path javaExecutable;
    private final List<String> jvmArguments;
    private final List<Path> classPath;
    private final Map<String, String> environment;

    public ForkedJvm(Path javaExecutable, List<String> jvmArguments, List<Path> classPath,
            Map<String, String> environment) {
        this.javaExecutable = javaExecutable;
        this.jvmArguments = List.copyOf(jvmArguments);
        this.classPath = List.copyOf(classPath);
        this.environment = Map.copyOf(environment);
    }

    /** The java launcher of the JVM this code runs in. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The command line, for logs and tests. */
    public List<String> command(String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(jvmArguments);
        command.add("-D" + ParentLifeline.PROPERTY + "=" + ParentLifeline.STDIN);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /**
     * Runs the main class and waits for it.
     *
     * @param out receives each line of standard output that is not part of an error message
     * @param err receives each line of standard error
     * @throws Failure when the child exits with a non-zero code; its message is the child's error
     *                 lines, or the tail of its output when it printed none (a crash, a kill)
     */
    public void run(String mainClass, List<String> arguments, Path workingDirectory, Consumer<String> out,
            Consumer<String> err) throws IOException, InterruptedException, Failure {
        ProcessBuilder builder = new ProcessBuilder(command(mainClass, arguments)).directory(workingDirectory.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        // The child's standard input stays open, unwritten, for as long as this JVM lives: when it dies,
        // even by SIGKILL, the pipe closes and the child stops (ParentLifeline) instead of living on.
        List<String> errorLines = new ArrayList<>();
        Deque<String> tail = new ArrayDeque<>();
        Thread errPump = pump(process.getErrorStream(), line -> {
            synchronized (tail) {
                remember(tail, line);
            }
            err.accept(line);
        });
        try {
            try (BufferedReader reader = reader(process.getInputStream())) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith(ERROR_PREFIX)) {
                        errorLines.add(line.substring(ERROR_PREFIX.length()));
                    } else {
                        synchronized (tail) {
                            remember(tail, line);
                        }
                        out.accept(line);
                    }
                }
            }
            int exit = process.waitFor();
            errPump.join();
            if (exit != 0) {
                String message = !errorLines.isEmpty() ? String.join("\n", errorLines)
                        : "the forked JVM exited with code " + exit + " without an error message; its last output:\n"
                                + String.join("\n", tail);
                throw new Failure(exit, message);
            }
        } finally {
            // Whatever happened here (Ctrl-C of the build, an exception), the child must not outlive it.
            process.destroyForcibly();
            process.getOutputStream().close();
        }
    }

    private static void remember(Deque<String> tail, String line) {
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    private static Thread pump(InputStream stream, Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = reader(stream)) {
                for (String line; (line = reader.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // The stream closes when the child dies; the exit code tells the rest.
            }
        }, "distill-fork-stderr");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static BufferedReader reader(InputStream stream) {
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }
}
