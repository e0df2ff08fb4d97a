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
 * for each model, first its batching ceiling in process ({@link ServeCeiling}: what batching can
 * give at most on these cores), then 1, 8 and 64 concurrent clients, each sending one text per
 * request for a fixed time, with dynamic batching on ({@code maxBatch} as given; the server's
 * default is 8) and off ({@code maxBatch} 1). Reports requests/s (= texts/s), p50/p99 latency and
 * errors, beside the model's in-process batch-32 throughput. It stops by itself. The load is wrk
 * ({@code wrk}: a process of its own) or clients in this JVM ({@code jvm}), or each in turn for
 * every row ({@code wrk,jvm}); both share the machine's cores with the server.
 *
 * <p>Usage: {@code ServeBench <texts .tsv> <results dir> <seconds> <max batch> <wrk|jvm|wrk,jvm> <model folder>...};
 * writes {@code serve-<date>-<loads joined by +>[-batch<max batch>].json} (the suffix when the max batch is not 8).
 */
public final class ServeBench {
    private static final int[] CLIENTS = {1, 8, 64};
    private static final int WARMUP_SECONDS = 1;

    private ServeBench() {}

    public static void main(String[] args) throws Exception {
        List<String> loads = args.length < 6 ? List.of() : List.of(args[4].split(","));
        if (loads.isEmpty() || !List.of("wrk", "jvm").containsAll(loads)) {
            System.err.println("usage: ServeBench <texts .tsv> <results dir> <seconds> <max batch> <wrk|jvm|wrk,jvm>"
                    + " <model folder>...");
            System.exit(2);
        }
        List<String> texts = new TextFileReader(null, null).read(Path.of(args[0])).stream()
                .map(TextRow::text).toList();
        Path results = Path.of(args[1]).toAbsolutePath().normalize();
        int seconds = Integer.parseInt(args[2]);
        int maxBatch = Integer.parseInt(args[3]);
        if (loads.contains("wrk") && !WrkLoad.available()) {
            System.err.println("serve: no wrk on the PATH; install Debian's wrk (apt-get install -y wrk),"
                    + " or drive the load from this JVM (SERVE_LOAD=jvm bench/serve)");
            System.exit(2);
        }
        JsonObject run = new JsonObject();
        run.addProperty("date", LocalDate.now().toString());
        run.addProperty("cores", Runtime.getRuntime().availableProcessors());
        run.addProperty("secondsPerRow", seconds);
        run.addProperty("maxBatch", maxBatch);
        run.addProperty("load", "wrk: wrk with 1 thread, a process of its own; jvm: clients in the server's JVM");
        JsonArray rows = new JsonArray();
        JsonObject ceilings = new JsonObject();
        StringBuilder table = new StringBuilder(
                "| model | load | batching | clients | requests/s | p50 ms | p99 ms | errors | in-process batch-32 texts/s |\n"
                + "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (int m = 5; m < args.length; m++) {
            Path folder = Path.of(args[m]).toAbsolutePath().normalize();
            String name = folder.getFileName().toString();
            try (TextClassifier classifier = TextClassifier.load(folder, ClassifierOptions.builder()
                    .intraOpThreads(1).batchSize(32).build())) {
                JsonObject ceiling = new ServeCeiling(texts, Math.max(2, seconds / 4.0)).measure(classifier, folder);
                ceilings.add(name, ceiling);
                ServeCeiling.print(name, ceiling);
                double inProcess = inProcessThroughput(classifier, texts);
                for (boolean batching : new boolean[] {true, false}) {
                    for (int clients : CLIENTS) {
                        for (String load : loads) { // back to back, so that the loads meet the same machine
                            JsonObject row = measure(classifier, texts, batching ? maxBatch : 1, clients, seconds,
                                    load.equals("wrk"));
                            row.addProperty("model", name);
                            row.addProperty("load", load);
                            row.addProperty("inProcessBatch32TextsPerSecond", inProcess);
                            rows.add(row);
                            String line = String.format(Locale.ROOT,
                                    "| %s | %s | %s | %d | %.0f | %.2f | %.2f | %d | %.0f |%n", name, load,
                                    batching ? "on (" + maxBatch + ")" : "off", clients,
                                    row.get("requestsPerSecond").getAsDouble(), row.get("p50Ms").getAsDouble(),
                                    row.get("p99Ms").getAsDouble(), row.get("errors").getAsLong(), inProcess);
                            System.out.print(line); // as it goes; the whole table again at the end
                            table.append(line);
                        }
                    }
                }
            }
        }
        System.out.println();
        System.out.print(table);
        ceilings.entrySet().forEach(c -> {
            System.out.printf(Locale.ROOT, "%s: batching ceiling in process %.2fx%n", c.getKey(),
                    c.getValue().getAsJsonObject().get("batchingCeiling").getAsDouble());
            loads.forEach(load -> System.out.printf(Locale.ROOT,
                    "%s, %s load: served at 64 clients, batching on over off %.2fx%n", c.getKey(), load,
                    servedGain(rows, c.getKey(), load)));
        });
        run.add("ceiling", ceilings);
        run.add("rows", rows);
        Files.createDirectories(results);
        Path file = results.resolve("serve-" + run.get("date").getAsString() + "-" + String.join("+", loads)
                + (maxBatch != 8 ? "-batch" + maxBatch : "") + ".json");
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

    /** @return requests/s at 64 clients with batching over those without, for the model and load */
    private static double servedGain(JsonArray rows, String model, String load) {
        double on = Double.NaN;
        double off = Double.NaN;
        for (var element : rows) {
            JsonObject row = element.getAsJsonObject();
            if (row.get("model").getAsString().equals(model) && row.get("load").getAsString().equals(load)
                    && row.get("clients").getAsInt() == 64) {
                if (row.get("batching").getAsBoolean()) {
                    on = row.get("requestsPerSecond").getAsDouble();
                } else {
                    off = row.get("requestsPerSecond").getAsDouble();
                }
            }
        }
        return on / off;
    }

    private static JsonObject measure(TextClassifier classifier, List<String> texts, int maxBatch,
            int clients, int seconds, boolean withWrk) throws Exception {
        LoadResult result;
        try (ServeLoad load = new ServeLoad(classifier, texts, maxBatch, clients, withWrk)) {
            result = load.run(Duration.ofSeconds(WARMUP_SECONDS), Duration.ofSeconds(seconds));
        }
        JsonObject row = new JsonObject();
        row.add("batching", new JsonPrimitive(maxBatch > 1));
        row.addProperty("maxBatch", maxBatch);
        row.addProperty("clients", clients);
        row.addProperty("requests", result.requests());
        row.addProperty("requestsPerSecond", result.requestsPerSecond());
        row.addProperty("textsPerSecond", result.requestsPerSecond());
        row.addProperty("p50Ms", result.p50Ms());
        row.addProperty("p99Ms", result.p99Ms());
        row.addProperty("errors", result.errors());
        return row;
    }
}
