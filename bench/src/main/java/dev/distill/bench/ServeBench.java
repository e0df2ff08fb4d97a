package dev.distill.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.distill.engine.io.AtomicFiles;
import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A bounded HTTP load on {@link dev.distill.runtime.serve.ClassifierServer} over loopback (issue #17's {@code bench/serve}):
 * for each model, 1, 8 and 64 concurrent clients, each sending one text per request for a fixed
 * time, with dynamic batching on ({@code maxBatch} as given; the server's default is 8) and off
 * ({@code maxBatch} 1). Reports
 * requests/s (= texts/s), p50/p99 latency and errors, beside the model's in-process batch-32
 * throughput. It stops by itself. The clients run in this JVM, on the same cores as the server.
 *
 * <p>Usage: {@code ServeBench <texts .tsv> <results dir> <seconds> <max batch> <model folder>...}
 */
public final class ServeBench {
    private static final int[] CLIENTS = {1, 8, 64};
    private static final int WARMUP_SECONDS = 1;

    private ServeBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: ServeBench <texts .tsv> <results dir> <seconds> <max batch> <model folder>...");
            System.exit(2);
        }
        List<String> texts = new TextFileReader(null, null).read(Path.of(args[0])).stream()
                .map(TextRow::text).toList();
        Path results = Path.of(args[1]).toAbsolutePath().normalize();
        int seconds = Integer.parseInt(args[2]);
        int maxBatch = Integer.parseInt(args[3]);
        JsonObject run = new JsonObject();
        run.addProperty("date", LocalDate.now().toString());
        run.addProperty("cores", Runtime.getRuntime().availableProcessors());
        run.addProperty("secondsPerRow", seconds);
        run.addProperty("maxBatch", maxBatch);
        JsonArray rows = new JsonArray();
        System.out.println("| model | batching | clients | requests/s | p50 ms | p99 ms | errors | in-process batch-32 texts/s |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int m = 4; m < args.length; m++) {
            Path folder = Path.of(args[m]).toAbsolutePath().normalize();
            try (TextClassifier classifier = TextClassifier.load(folder, ClassifierOptions.builder()
                    .intraOpThreads(1).batchSize(32).build())) {
                double inProcess = inProcessThroughput(classifier, texts);
                for (boolean batching : new boolean[] {true, false}) {
                    for (int clients : CLIENTS) {
                        JsonObject row = measure(classifier, texts, batching ? maxBatch : 1, clients, seconds);
                        row.addProperty("model", folder.getFileName().toString());
                        row.addProperty("inProcessBatch32TextsPerSecond", inProcess);
                        rows.add(row);
                        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.2f | %.2f | %d | %.0f |%n",
                                folder.getFileName(), batching ? "on (" + maxBatch + ")" : "off", clients,
                                row.get("requestsPerSecond").getAsDouble(), row.get("p50Ms").getAsDouble(),
                                row.get("p99Ms").getAsDouble(), row.get("errors").getAsLong(), inProcess);
                    }
                }
            }
        }
        run.add("rows", rows);
        Files.createDirectories(results);
        Path file = results.resolve("serve-" + run.get("date").getAsString() + ".json");
        AtomicFiles.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(run) + "\n");
        System.out.println("wrote " + file);
    }

    /** Texts/s of {@code predictBatch} over all texts, the median of 3 passes. */
    private static double inProcessThroughput(TextClassifier classifier, List<String> texts) {
        classifier.predictBatch(texts.subList(0, Math.min(64, texts.size())));
        double[] passes = new double[3];
        for (int i = 0; i < passes.length; i++) {
            long start = System.nanoTime();
            classifier.predictBatch(texts);
            passes[i] = texts.size() / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(passes);
        return passes[1];
    }

    private static JsonObject measure(TextClassifier classifier, List<String> texts, int maxBatch,
            int clients, int seconds) throws Exception {
        ServeLoad.Result result;
        try (ServeLoad load = new ServeLoad(classifier, texts, maxBatch, clients)) {
            result = load.run(Duration.ofSeconds(WARMUP_SECONDS), Duration.ofSeconds(seconds));
        }
        JsonObject row = new JsonObject();
        row.add("batching", new JsonPrimitive(maxBatch > 1));
        row.addProperty("maxBatch", maxBatch);
        row.addProperty("clients", clients);
        row.addProperty("requests", result.latencies().length);
        row.addProperty("requestsPerSecond", result.requestsPerSecond());
        row.addProperty("textsPerSecond", result.requestsPerSecond());
        row.addProperty("p50Ms", result.percentileMs(50));
        row.addProperty("p99Ms", result.percentileMs(99));
        row.addProperty("errors", result.errors());
        return row;
    }
}
