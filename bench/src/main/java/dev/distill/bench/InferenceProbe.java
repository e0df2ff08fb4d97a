package dev.distill.bench;

import com.google.gson.Gson;
import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.TextClassifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures one classifier folder through the distill runtime, run alone in a fresh JVM (one per
 * model and thread count) so that the resident memory it adds is its own: VmRSS just before and
 * just after the first {@link TextClassifier#load}, the load time (median of {@value #RUNS} loads;
 * the first includes ONNX Runtime's native start-up), single-text latency p50/p99 over every text
 * (after {@value #WARMUP} warm-up calls), and batch-32 throughput (median of {@value #RUNS} passes
 * over every text). Prints one line: {@value #PREFIX} and the figures as JSON.
 *
 * <p>Usage: {@code InferenceProbe <classifier folder> <texts file, one per line> <threads>}
 */
public final class InferenceProbe {

    static final String PREFIX = "bench-inference: ";
    static final int RUNS = 3;
    static final int WARMUP = 20;
    static final int BATCH = 32;

    private InferenceProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        List<String> texts = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        int threads = Integer.parseInt(args[2]);
        ClassifierOptions options = ClassifierOptions.builder().intraOpThreads(threads).batchSize(BATCH).build();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("threads", threads);
        figures.put("texts", texts.size());
        double[] loads = new double[RUNS];
        double rssBefore = ProcStatus.mebibytes("VmRSS");
        long start = System.nanoTime();
        double rssAfter;
        try (TextClassifier classifier = TextClassifier.load(folder, options)) {
            loads[0] = (System.nanoTime() - start) / 1e6;
            rssAfter = ProcStatus.mebibytes("VmRSS");
            for (int i = 0; i < Math.min(WARMUP, texts.size()); i++) {
                classifier.predict(texts.get(i));
            }
            double[] latencies = new double[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                long t = System.nanoTime();
                classifier.predict(texts.get(i));
                latencies[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(latencies);
            double[] throughputs = new double[RUNS];
            for (int r = 0; r < RUNS; r++) {
                long t = System.nanoTime();
                classifier.predictBatch(texts);
                throughputs[r] = texts.size() / ((System.nanoTime() - t) / 1e9);
            }
            figures.put("latencyP50Ms", percentile(latencies, 0.50));
            figures.put("latencyP99Ms", percentile(latencies, 0.99));
            figures.put("batch32TextsPerSecond", median(throughputs));
        }
        for (int r = 1; r < RUNS; r++) {
            long t = System.nanoTime();
            TextClassifier.load(folder, options).close();
            loads[r] = (System.nanoTime() - t) / 1e6;
        }
        figures.put("loadMs", median(loads));
        figures.put("firstLoadMs", loads[0]);
        figures.put("rssBeforeLoadMiB", rssBefore);
        figures.put("rssAfterLoadMiB", rssAfter);
        figures.put("rssLoadDeltaMiB", rssAfter - rssBefore);
        System.out.println(PREFIX + new Gson().toJson(figures));
        System.out.flush();
        // ONNX Runtime and DJL may keep non-daemon threads.
        System.exit(0);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
