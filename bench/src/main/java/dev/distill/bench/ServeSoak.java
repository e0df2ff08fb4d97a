package dev.distill.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.distill.engine.io.AtomicFiles;
import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.TextClassifier;
import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The serving soak (issue #17): a {@link ServeLoad} of many HTTP clients on one model, with
 * dynamic batching on, for minutes. Resident memory (VmRSS, so native memory counts) is read after a
 * warm-up and after each of ten legs; the run fails (exit 1) when it grew by
 * {@value Soak#MAX_GROWTH_PERCENT}% or more from the warm-up to the end, or when any request failed.
 * Each leg also gives its requests/s and p50/p99, so a slow-down shows as well as a leak.
 *
 * <p>Usage: {@code ServeSoak <texts .tsv> <results dir> <minutes> <clients> <max batch> <model folder>}
 */
public final class ServeSoak {
    private static final int LEGS = 10;
    private static final Duration WARM_UP = Duration.ofSeconds(60);

    private ServeSoak() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            usage("expected 6 arguments, got " + args.length);
        }
        List<String> texts = new TextFileReader(null, null).read(Path.of(args[0])).stream()
                .map(TextRow::text).toList();
        Path results = Path.of(args[1]).toAbsolutePath().normalize();
        double minutes = positive(args[2], "minutes");
        int clients = (int) positive(args[3], "clients");
        int maxBatch = (int) positive(args[4], "max batch");
        Path model = Path.of(args[5]).toAbsolutePath().normalize();
        if (!Files.isRegularFile(ModelFolder.at(model).model())) {
            usage("no model.onnx in the model folder " + model + "; build the example's student first"
                    + " (mvn -f examples/sentiment/pom.xml package) or pass a classifier folder");
        }
        Duration leg = Duration.ofMillis(Math.round(minutes * 60_000 / LEGS));

        JsonObject run = new JsonObject();
        run.addProperty("date", LocalDate.now().toString());
        run.addProperty("model", model.toString());
        run.addProperty("clients", clients);
        run.addProperty("maxBatch", maxBatch);
        run.addProperty("minutes", minutes);
        run.addProperty("warmUpSeconds", WARM_UP.toSeconds());
        run.addProperty("maxHeap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        JsonArray legs = new JsonArray();
        long requests = 0;
        long errors = 0;
        double warm;
        double end;
        try (TextClassifier classifier = TextClassifier.load(model, ClassifierOptions.builder()
                .intraOpThreads(1).batchSize(32).build());
                ServeLoad load = new ServeLoad(classifier, texts, maxBatch, clients, false)) {
            LoadResult warmUp = load.run(Duration.ZERO, WARM_UP);
            errors += warmUp.errors();
            warm = settledResidentMebibytes();
            for (int i = 0; i < LEGS; i++) {
                LoadResult result = load.run(Duration.ZERO, leg);
                requests += result.requests();
                errors += result.errors();
                JsonObject row = new JsonObject();
                row.addProperty("requestsPerSecond", Math.round(result.requestsPerSecond()));
                row.addProperty("p50Ms", round(result.p50Ms()));
                row.addProperty("p99Ms", round(result.p99Ms()));
                row.addProperty("errors", result.errors());
                row.addProperty("rssMiB", round(SoakMemory.residentMebibytes()));
                legs.add(row);
                System.out.printf(Locale.ROOT, "leg %d/%d: %.0f requests/s, p50 %.2f ms, p99 %.2f ms, %d errors,"
                        + " RSS %.1f MiB%n", i + 1, LEGS, result.requestsPerSecond(), result.p50Ms(),
                        result.p99Ms(), result.errors(), SoakMemory.residentMebibytes());
            }
            end = settledResidentMebibytes();
        }
        double growth = 100 * (end - warm) / warm;
        boolean passed = growth < Soak.MAX_GROWTH_PERCENT && errors == 0;
        run.addProperty("requests", requests);
        run.addProperty("requestsPerSecond", Math.round(requests / (minutes * 60)));
        run.addProperty("errors", errors);
        run.addProperty("rssWarmMiB", round(warm));
        run.addProperty("rssEndMiB", round(end));
        run.addProperty("rssGrowthPercent", round(growth));
        run.addProperty("maxGrowthPercent", Soak.MAX_GROWTH_PERCENT);
        run.add("legs", legs);
        run.addProperty("passed", passed);
        Files.createDirectories(results);
        Path file = results.resolve("serve-soak-" + run.get("date").getAsString() + ".json");
        AtomicFiles.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(run) + "\n");
        System.out.printf(Locale.ROOT, "serve soak: %,d requests from %d clients in %.1f min, %d errors;"
                + " RSS warm %.1f MiB, end %.1f MiB, growth %+.2f%% (limit %.0f%%) -> %s%n",
                requests, clients, minutes, errors, warm, end, growth, Soak.MAX_GROWTH_PERCENT, file);
        if (!passed) {
            System.err.println("serve soak FAILED: " + (errors > 0 ? errors + " requests failed" : "")
                    + (growth >= Soak.MAX_GROWTH_PERCENT ? " resident memory grew " + round(growth) + "%" : ""));
            System.exit(1);
        }
    }

    /** RSS after a full GC, so that garbage the heap has not yet collected does not count. */
    private static double settledResidentMebibytes() {
        System.gc();
        return SoakMemory.residentMebibytes();
    }

    private static double positive(String value, String name) {
        try {
            double number = Double.parseDouble(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage(name + " must be a positive number, was '" + value + "'");
        return 0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void usage(String problem) {
        System.err.println("serve soak: " + problem);
        System.err.println("usage: ServeSoak <texts .tsv> <results dir> <minutes> <clients> <max batch> <model folder>");
        System.exit(2);
    }
}
