package dev.distill.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a main class of this class path in a child JVM, so that its wall time and peak resident
 * memory are its own: the peak (VmHWM) is polled from /proc every {@value #POLL_MILLIS} ms while the
 * child runs, and the last reading before it exits is kept.
 */
final class ChildJvm {

    static final int POLL_MILLIS = 100;

    /** What a child left: its exit code, its output lines, its wall time and peak RSS. */
    record Result(int exitCode, List<String> lines, double wallSeconds, double peakRssMiB) {}

    private final List<String> jvmArguments;

    /** @param jvmArguments e.g. {@code -Xmx6g} and system properties */
    ChildJvm(List<String> jvmArguments) {
        this.jvmArguments = List.copyOf(jvmArguments);
    }

    Result run(String mainClass, List<String> arguments, Consumer<String> output) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArguments);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OPT_OUT_TRACKING", "true");
        long start = System.nanoTime();
        Process process = builder.start();
        double[] peak = {Double.NaN};
        Thread poller = new Thread(() -> {
            while (process.isAlive()) {
                double now = ProcStatus.mebibytes(process.pid(), "VmHWM");
                if (!Double.isNaN(now)) {
                    peak[0] = now;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "peak-rss-poller");
        poller.setDaemon(true);
        poller.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
                output.accept(line);
            }
        }
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        poller.join();
        return new Result(exit, lines, seconds, peak[0]);
    }

}
