package dev.distill.engine.cli;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends the forked engine JVM when the build that started it is gone. The goal's JVM holds the write
 * end of the child's standard input and never writes to it; when that JVM dies, even by SIGKILL, the
 * kernel closes the pipe and the child reads end-of-file. Without this the child would live on as an
 * orphan, still training and writing into {@code target/}.
 *
 * <p>Only a JVM started with {@code -D}{@value #PROPERTY}{@code =}{@value #STDIN} watches, so that
 * running the entry point by hand with no standard input does not stop it at once.
 */
public final class ParentLifeline {

    /** The system property that asks the child to watch its standard input. */
    public static final String PROPERTY = "distill.fork.lifeline";

    /** The value of {@link #PROPERTY} that names standard input as the lifeline. */
    public static final String STDIN = "stdin";

    /** The exit code of a child stopped because its parent went away. */
    public static final int EXIT_CODE = 3;

    private ParentLifeline() {
    }

    /** Starts watching standard input when the property asks for it. */
    public static void watchIfAsked() {
        if (STDIN.equals(System.getProperty(PROPERTY))) {
            watch(System.in);
        }
    }

    static void watch(InputStream lifeline) {
        Thread watcher = new Thread(() -> {
            try {
                while (lifeline.read() >= 0) {
                    // The parent writes nothing; whatever comes is ignored.
                }
            } catch (IOException e) {
                // A broken pipe means the same as end-of-file.
            }
            System.err.println("distill: the build that started this JVM is gone; stopping");
            System.err.flush();
            // halt, not exit: no shutdown hook may keep an orphan alive. Every output is written
            // atomically, so stopping anywhere leaves no partial file in target/.
            Runtime.getRuntime().halt(EXIT_CODE);
        }, "distill-parent-lifeline");
        watcher.setDaemon(true);
        watcher.start();
    }
}
