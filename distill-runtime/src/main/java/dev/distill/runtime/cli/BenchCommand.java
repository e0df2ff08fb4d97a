package dev.distill.runtime.cli;

import dev.distill.runtime.ImageClassifier;
import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.data.ImageFolderReader;
import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import dev.distill.runtime.image.ImagePreprocessing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: load time, single-input latency and batch throughput over a data file's texts, or over the
 * images of a folder or CSV for an image classifier folder.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measures load time, single-text latency (p50/p99) and batch throughput; the times include"
        + " tokenizing.",
        "For an image classifier (a folder or a jar's model with preprocessor_config.json), --data is a folder of images (at any depth)"
            + " or a .csv with a path column, and each time includes reading, decoding and preprocessing the"
            + " image files as well as inference."})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ModelOptions model;

  @Mixin DataOptions input;

  @Option(names = "--warmup", defaultValue = "20", paramLabel = "<n>",
      description = "Single predictions before measuring (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--limit", paramLabel = "<n>", description = "Use only the first n texts (or images).")
  Integer limit;

  @Option(names = "--json", description = "End with one JSON line: n, threads, batch, loadMs, p50Ms, p99Ms,"
      + " throughput, input (text or image), and maxLength (texts) or channels, height, width (images).")
  boolean json;

  @Override
  public Integer call() {
    return model.isImage() ? benchImages() : benchTexts();
  }

  private Integer benchTexts() {
    List<String> texts = limited(new TextFileReader(input.textColumn, null).read(input.data).stream()
        .map(TextRow::text).toList());
    if (texts.isEmpty()) {
      throw new IllegalArgumentException(input.data + " holds no texts to benchmark with");
    }
    long loadStart = System.nanoTime();
    try (TextClassifier classifier = model.open()) {
      double loadMs = (System.nanoTime() - loadStart) / 1e6;
      Map<String, Object> result = measure(texts, loadMs, classifier::predict, classifier::predictBatch);
      result.put("input", "text");
      result.put("maxLength", classifier.maxLength());
      report(result, "max length " + classifier.maxLength(), "texts");
    }
    return 0;
  }

  private Integer benchImages() {
    ImageInput.refuseTextOptions(spec, model.model);
    List<Path> images = limited(ImageFolderReader.listImages(input.data));
    long loadStart = System.nanoTime();
    try (ImageClassifier classifier = model.openImages()) {
      double loadMs = (System.nanoTime() - loadStart) / 1e6;
      Map<String, Object> result = measure(images, loadMs, classifier::predict, classifier::predictBatch);
      ImagePreprocessing size = classifier.preprocessing();
      result.put("input", "image");
      result.put("channels", size.channels());
      result.put("height", size.height());
      result.put("width", size.width());
      report(result, String.format("images %dx%d, %d channel(s)", size.width(), size.height(), size.channels()),
          "images");
    }
    return 0;
  }

  private <T> List<T> limited(List<T> inputs) {
    return limit == null ? inputs : inputs.subList(0, Math.min(limit, inputs.size()));
  }

  /**
   * Warms up, then times each input alone (the latencies) and all of them through the batch call (the
   * throughput, in batches of --batch).
   */
  private <T> Map<String, Object> measure(List<T> inputs, double loadMs, Consumer<T> single,
      Consumer<List<T>> batch) {
    for (int i = 0; i < warmup; i++) {
      single.accept(inputs.get(i % inputs.size()));
    }
    double[] latencies = new double[inputs.size()];
    for (int i = 0; i < latencies.length; i++) {
      long start = System.nanoTime();
      single.accept(inputs.get(i));
      latencies[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(latencies);
    long start = System.nanoTime();
    batch.accept(inputs);
    double throughput = inputs.size() / ((System.nanoTime() - start) / 1e9);

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("n", inputs.size());
    result.put("threads", model.threads);
    result.put("batch", model.batch);
    result.put("loadMs", loadMs);
    result.put("p50Ms", percentile(latencies, 50));
    result.put("p99Ms", percentile(latencies, 99));
    result.put("throughput", throughput);
    return result;
  }

  /**
   * @param shape what the model reads, for the first line
   * @param unit texts or images
   */
  private void report(Map<String, Object> result, String shape, String unit) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("model:      %s (%s, %d thread(s))%n", model.model, shape, model.threads);
    out.printf("load:       %.1f ms%n", result.get("loadMs"));
    out.printf("latency:    p50 %.3f ms, p99 %.3f ms over %d single %s%n",
        result.get("p50Ms"), result.get("p99Ms"), result.get("n"), unit);
    out.printf("throughput: %.1f %s/s at batch %d%n", result.get("throughput"), unit, model.batch);
    if (json) {
      JsonLine.print(out, result);
    }
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
