package dev.distill.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a command and measures its wall time and resident memory from /proc, polled every
 * {@value #POLL_MILLIS} ms while it runs. A Maven build is several processes (Maven and the JVM the
 * goal forks), so memory is measured over the process tree: the peak of the summed VmRSS, and the
 * largest VmHWM of any one process (exact, not sampled; for a single process the two agree).
 */
final class MeasuredProcess {

    static final int POLL_MILLIS = 100;

    /**
     * @param peakRssMiB          the larger of the polled peak of VmRSS summed over the tree and the largest process peak
     * @param largestProcessPeakMiB the largest VmHWM of any process of the tree (for a Maven build, the forked engine)
     */
    record Result(int exitCode, List<String> lines, double wallSeconds, double peakRssMiB, double largestProcessPeakMiB) {}

    private MeasuredProcess() {
    }

    static Result run(List<String> command, Path directory, Consumer<String> output)
            throws IOException, InterruptedException {
        return run(command, directory, Map.of(), output);
    }

    /**
     * @param directory   where the command runs, or null for this process's
     * @param environment set on top of this process's environment
     * @param output      receives each line of the command's output (stderr merged in)
     */
    static Result run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> output)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        double[] peaks = {Double.NaN, Double.NaN};
        Thread poller = new Thread(() -> {
            while (process.isAlive()) {
                poll(process.toHandle(), peaks);
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-poller");
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
        return new Result(exit, lines, seconds, max(peaks[0], peaks[1]), peaks[1]);
    }

    /** Updates {@code peaks}: [0] the summed VmRSS of the tree, [1] the largest VmHWM of one process. */
    private static void poll(ProcessHandle root, double[] peaks) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        double sum = 0;
        for (ProcessHandle p : tree) {
            double rss = ProcStatus.mebibytes(p.pid(), "VmRSS");
            if (!Double.isNaN(rss)) {
                sum += rss;
            }
            peaks[1] = max(peaks[1], ProcStatus.mebibytes(p.pid(), "VmHWM"));
        }
        if (sum > 0) {
            peaks[0] = max(peaks[0], sum);
        }
    }

    /** The larger, where NaN means unknown. */
    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
