package dev.distill.runtime.cli;

import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: load time, single-text latency and batch throughput over a data file's texts. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measures load time, single-text latency (p50/p99) and batch throughput.")
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelOptions model;

  @Mixin DataOptions input;

  @Option(names = "--warmup", defaultValue = "20", paramLabel = "<n>",
      description = "Single predictions before measuring (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--limit", paramLabel = "<n>", description = "Use only the first n texts.")
  Integer limit;

  @Option(names = "--json", description = "End with one JSON line: loadMs, p50Ms, p99Ms, throughput.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> texts = new TextFileReader(input.textColumn, null).read(input.data).stream()
        .map(TextRow::text).toList();
    if (limit != null) {
      texts = texts.subList(0, Math.min(limit, texts.size()));
    }
    if (texts.isEmpty()) {
      throw new IllegalArgumentException(input.data + " holds no texts to benchmark with");
    }
    long loadStart = System.nanoTime();
    try (TextClassifier classifier = model.open()) {
      double loadMs = (System.nanoTime() - loadStart) / 1e6;
      for (int i = 0; i < warmup; i++) {
        classifier.predict(texts.get(i % texts.size()));
      }
      double[] latencies = new double[texts.size()];
      for (int i = 0; i < latencies.length; i++) {
        long start = System.nanoTime();
        classifier.predict(texts.get(i));
        latencies[i] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(latencies);
      long start = System.nanoTime();
      classifier.predictBatch(texts);
      double throughput = texts.size() / ((System.nanoTime() - start) / 1e9);

      Map<String, Object> result = new LinkedHashMap<>();
      result.put("n", texts.size());
      result.put("threads", model.threads);
      result.put("batch", model.batch);
      result.put("maxLength", classifier.maxLength());
      result.put("loadMs", loadMs);
      result.put("p50Ms", percentile(latencies, 50));
      result.put("p99Ms", percentile(latencies, 99));
      result.put("throughput", throughput);
      out.printf("model:      %s (max length %d, %d thread(s))%n", model.model,
          classifier.maxLength(), model.threads);
      out.printf("load:       %.1f ms%n", loadMs);
      out.printf("latency:    p50 %.3f ms, p99 %.3f ms over %d single texts%n",
          result.get("p50Ms"), result.get("p99Ms"), texts.size());
      out.printf("throughput: %.1f texts/s at batch %d%n", throughput, model.batch);
      if (json) {
        JsonLine.print(out, result);
      }
    }
    return 0;
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
