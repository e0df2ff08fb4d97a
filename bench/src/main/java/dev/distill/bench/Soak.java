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
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The runtime soak (issue #7): millions of predictions from many threads on one student
 * classifier. Resident memory (VmRSS) is read after a warm-up and at the end; a native leak shows as
 * growth. Exits 1 when the growth reaches {@value #MAX_GROWTH_PERCENT}%, 2 on bad arguments.
 *
 * <p>Usage: {@code Soak <model folder> <texts .tsv> <results dir> [predictions] [threads]
 * [warm-up predictions] [intra-op threads]}
 */
public final class Soak {
    /** The largest resident memory growth, warm to end, that passes. */
    static final double MAX_GROWTH_PERCENT = 5.0;

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            usage("expected at least 3 arguments, got " + args.length);
        }
        Path model = Path.of(args[0]).toAbsolutePath().normalize();
        Path data = Path.of(args[1]).toAbsolutePath().normalize();
        Path results = Path.of(args[2]).toAbsolutePath().normalize();
        long predictions = number(args, 3, "predictions", 2_000_000);
        int threads = (int) number(args, 4, "threads", 16);
        long warmUp = number(args, 5, "warm-up predictions", 100_000);
        int intraOpThreads = (int) number(args, 6, "intra-op threads", 1);
        if (!Files.isRegularFile(ModelFolder.at(model).model())) {
            usage("no model.onnx in the model folder " + model + "; build a student first, e.g."
                    + " `mvn -f examples/sentiment/pom.xml package` (its model lands in"
                    + " examples/sentiment/target/classes/META-INF/distill/sentiment), or pass a classifier folder");
        }
        if (!Files.isRegularFile(data)) {
            usage("texts file not found: " + data + " (a .tsv with a 'sentence' column, e.g. testdata/sst2/dev.tsv)");
        }
        List<String> texts = new TextFileReader("sentence", null).read(data).stream().map(TextRow::text).toList();

        ClassifierOptions options = ClassifierOptions.builder().intraOpThreads(intraOpThreads).build();
        JsonObject run = new JsonObject();
        run.addProperty("date", LocalDate.now().toString());
        run.addProperty("model", model.toString());
        run.addProperty("texts", data + " (" + texts.size() + " texts)");
        run.addProperty("threads", threads);
        run.addProperty("intraOpThreads", intraOpThreads);
        run.addProperty("maxHeap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        try (TextClassifier classifier = TextClassifier.load(model, options);
                SoakLoad load = new SoakLoad(classifier, texts, threads)) {
            run.addProperty("warmUpPredictions", load.run(warmUp));
            double warm = settledResidentMebibytes();
            JsonArray samples = new JsonArray();
            long made = 0;
            long start = System.nanoTime();
            // Ten legs, so the JSON shows the trend and not only its two ends.
            for (int leg = 0; leg < 10; leg++) {
                made += load.run(predictions / 10);
                samples.add(round(SoakMemory.residentMebibytes()));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double end = settledResidentMebibytes();
            double growth = 100 * (end - warm) / warm;
            run.addProperty("predictions", made);
            run.addProperty("seconds", round(seconds));
            run.addProperty("predictionsPerSecond", Math.round(made / seconds));
            run.addProperty("rssWarmMiB", round(warm));
            run.addProperty("rssEndMiB", round(end));
            run.add("rssEveryTenthMiB", samples);
            run.addProperty("rssGrowthPercent", round(growth));
            run.addProperty("maxGrowthPercent", MAX_GROWTH_PERCENT);
            run.addProperty("passed", growth < MAX_GROWTH_PERCENT);
            Files.createDirectories(results);
            Path file = results.resolve("soak-" + run.get("date").getAsString() + ".json");
            AtomicFiles.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(run) + "\n");
            System.out.printf(Locale.ROOT, "soak: %,d predictions on %d threads in %.0f s = %,d predictions/s;"
                    + " RSS warm %.1f MiB, end %.1f MiB, growth %+.2f%% (limit %.0f%%) -> %s%n",
                    made, threads, seconds, Math.round(made / seconds), warm, end, growth,
                    MAX_GROWTH_PERCENT, file);
            if (growth >= MAX_GROWTH_PERCENT) {
                System.err.printf(Locale.ROOT, "soak FAILED: resident memory grew %.2f%% (limit %.0f%%)%n",
                        growth, MAX_GROWTH_PERCENT);
                System.exit(1);
            }
        }
    }

    /** RSS after a full GC, so that garbage the heap has not yet collected does not count. */
    private static double settledResidentMebibytes() {
        System.gc();
        return SoakMemory.residentMebibytes();
    }

    private static long number(String[] args, int index, String name, long fallback) {
        if (args.length <= index) {
            return fallback;
        }
        try {
            long value = Long.parseLong(args[index].replace("_", ""));
            if (value < 1) {
                usage(name + " must be at least 1, was " + args[index]);
            }
            return value;
        } catch (NumberFormatException e) {
            usage(name + " must be a whole number, was '" + args[index] + "'");
            return fallback;
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void usage(String problem) {
        System.err.println("soak: " + problem);
        System.err.println("usage: Soak <model folder> <texts .tsv> <results dir> [predictions=2000000]"
                + " [threads=16] [warm-up predictions=100000] [intra-op threads=1]");
        System.exit(2);
    }
}
