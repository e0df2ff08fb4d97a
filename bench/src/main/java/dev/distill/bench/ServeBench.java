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
import dev.distill.runtime.serve.ClassifierServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A bounded HTTP load on {@link ClassifierServer} over loopback (issue #17's {@code bench/serve}):
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
        boolean batching = maxBatch > 1;
        try (ClassifierServer server = ClassifierServer.builder().model("m", classifier).port(0)
                .maxBatch(maxBatch).maxDelayMs(batching ? 2 : 0)
                .threads(Math.max(16, clients)).queueCapacity(1024).build().start()) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/predict");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(4)).build();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long warmEnd = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
            long end = warmEnd + seconds * 1_000_000_000L;
            List<Future<long[]>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int offset = c * 7919;
                results.add(pool.submit(() -> client(http, uri, texts, offset, warmEnd, end)));
            }
            List<Long> latencies = new ArrayList<>();
            long errors = 0;
            for (Future<long[]> result : results) {
                long[] own = result.get();
                errors += own[0];
                for (int i = 1; i < own.length; i++) {
                    latencies.add(own[i]);
                }
            }
            pool.shutdown();
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            JsonObject row = new JsonObject();
            row.add("batching", new JsonPrimitive(batching));
            row.addProperty("maxBatch", maxBatch);
            row.addProperty("clients", clients);
            row.addProperty("requests", sorted.length);
            row.addProperty("requestsPerSecond", sorted.length / (double) seconds);
            row.addProperty("textsPerSecond", sorted.length / (double) seconds);
            row.addProperty("p50Ms", percentile(sorted, 50));
            row.addProperty("p99Ms", percentile(sorted, 99));
            row.addProperty("errors", errors);
            return row;
        }
    }

    /** @return {errors, latency ns of each answered request after the warm-up...} */
    private static long[] client(HttpClient http, URI uri, List<String> texts, int offset, long warmEnd,
            long end) {
        long[] latencies = new long[1 << 16];
        int n = 1;
        long errors = 0;
        for (int i = offset; ; i++) {
            long start = System.nanoTime();
            if (start >= end) {
                break;
            }
            String body = "{\"inputs\": " + new JsonPrimitive(texts.get(i % texts.size())) + "}";
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    errors++;
                    continue;
                }
            } catch (Exception e) {
                errors++;
                continue;
            }
            if (start >= warmEnd) {
                if (n == latencies.length) {
                    latencies = Arrays.copyOf(latencies, n * 2);
                }
                latencies[n++] = System.nanoTime() - start;
            }
        }
        latencies[0] = errors;
        return Arrays.copyOf(latencies, n);
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
