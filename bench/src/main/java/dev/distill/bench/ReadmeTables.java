package dev.distill.bench;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.distill.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a results file of {@link BenchMain} as the README's performance tables and puts them
 * between the README's {@value #BEGIN} and {@value #END} lines, so that no figure there is typed by
 * hand.
 *
 * <p>Usage: {@code ReadmeTables <results.json> <README.md>}
 */
public final class ReadmeTables {

    static final String BEGIN = "<!-- bench:begin -->";
    static final String END = "<!-- bench:end -->";

    private ReadmeTables() {
    }

    public static void main(String[] args) throws IOException {
        Path results = Path.of(args[0]);
        Path readme = Path.of(args[1]);
        Map<String, Object> run = new Gson().fromJson(Files.readString(results, StandardCharsets.UTF_8),
                new TypeToken<Map<String, Object>>() { }.getType());
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        AtomicFiles.writeString(readme, replace(text, markdown(run, results.getFileName().toString()), readme));
        System.out.println("bench: " + readme + " tables regenerated from " + results);
    }

    /** The text with everything between the markers replaced by {@code tables}. */
    static String replace(String text, String tables, Path readme) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(readme + " has no " + BEGIN + " ... " + END
                    + " section; add the two lines where the benchmark tables belong");
        }
        return text.substring(0, begin + BEGIN.length()) + "\n" + tables + text.substring(end);
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> run, String fileName) {
        Map<String, Object> settings = map(run, "settings");
        Map<String, Object> machine = map(run, "machine");
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Measured %s by `bench/run` (`%s`) on %s cores (%s),"
                        + " %.0f GiB; teacher %s; %,d training texts, %,d dev texts; %d epochs; %d threads for the"
                        + " builds; students: embedding %d, hidden %d, kernels %s, max %d tokens, batch %d.%s%n%n",
                run.get("date"), ("full".equals(run.get("mode")) ? "bench/results/" : "") + fileName, integer(machine, "cores"), machine.get("cpu"),
                number(machine, "memoryMiB") / 1024, settings.get("teacher"), integer(settings, "trainRows"),
                integer(settings, "devRows"), integer(settings, "epochs"), integer(settings, "threads"),
                integer(settings, "embeddingSize"), integer(settings, "hiddenSize"), kernels(settings),
                integer(settings, "maxLength"), integer(settings, "batchSize"),
                run.get("benchSeconds") instanceof Number seconds
                        ? String.format(Locale.ROOT, " The whole run took %.0f minutes.", seconds.doubleValue() / 60) : ""));
        quality(md, map(run, "quality"));
        inference(md, map(run, "inference"));
        training(md, map(run, "training"), map(run, "build"), (Map<String, Object>) run.get("exampleBuild"));
        size(md, map(run, "size"));
        return md.toString();
    }

    private static void quality(StringBuilder md, Map<String, Object> q) {
        md.append(String.format(Locale.ROOT, "**Quality** on the dev set (teacher %.2f%%); retention = int8 student /"
                + " teacher accuracy; hard labels = the same student and budget with alpha 0.%n%n",
                number(q, "teacherAccuracy") * 100));
        md.append("| student | loss | fp32 acc. | int8 acc. | retention |\n| --- | --- | --- | --- | --- |\n");
        for (Map<String, Object> r : rows(q)) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.2f%% | %.2f%% | %.1f%% |%n", r.get("student"),
                    r.get("loss"), number(r, "fp32Accuracy") * 100, number(r, "int8Accuracy") * 100,
                    number(r, "retention") * 100));
        }
    }

    @SuppressWarnings("unchecked")
    private static void inference(StringBuilder md, Map<String, Object> section) {
        md.append("\n**Inference** through `TextClassifier`, each model alone in a fresh JVM, on the dev texts:"
                + " single-text latency p50/p99 over one pass of every text; batch-32 throughput the median of "
                + InferenceProbe.RUNS + " passes; load time the median of " + InferenceProbe.RUNS
                + " loads; memory the process's VmRSS after the first load (in brackets: what the load added)."
                + " (×) = student / teacher.\n\n");
        md.append("| model | threads | p50 ms | p99 ms | batch-32 texts/s | load ms | RSS after load MiB |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Map<String, Object> m : (List<Map<String, Object>>) section.get("models")) {
            boolean student = "student".equals(m.get("role"));
            Map<String, Object> ratio = student ? map(m, "ratioToTeacher") : null;
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %.0f (+%.0f)%s |%n",
                    student ? m.get("model") + " int8" : "teacher", integer(m, "threads"),
                    withRatio(m, ratio, "latencyP50Ms", "%.3f"), withRatio(m, ratio, "latencyP99Ms", "%.3f"),
                    withRatio(m, ratio, "batch32TextsPerSecond", "%.0f"), withRatio(m, ratio, "loadMs", "%.0f"),
                    number(m, "rssAfterLoadMiB"), number(m, "rssLoadDeltaMiB"),
                    ratio == null ? "" : String.format(Locale.ROOT, " (%.2f×)", number(ratio, "rssAfterLoadMiB"))));
        }
    }

    @SuppressWarnings("unchecked")
    private static void training(StringBuilder md, Map<String, Object> training, Map<String, Object> build,
            Map<String, Object> example) {
        Map<String, Object> peer = map(training, "peer");
        md.append("\n**Training cost**: texts/s of the distill engine (DJL + PyTorch; mean over the epochs of the KD"
                + " build) and of a plain PyTorch loop ([bench/peer/train_peer.py](bench/peer/train_peer.py)) with the"
                + " same network, KD loss, AdamW, batch size, threads and token-id batches (the engine's own"
                + " length-bucketed batches)");
        if (peer.containsKey("skipped")) {
            md.append("; the peer did not run: ").append(peer.get("skipped")).append(".\n\n");
        } else {
            md.append(String.format(Locale.ROOT, ", torch %s with %s, timed over %d batches after %d warm-up"
                    + " batches.%n%n", peer.get("torch"), peer.get("blas"),
                    integer(peer, "batchesWritten") - integer(peer, "warmupBatches"), integer(peer, "warmupBatches")));
        }
        md.append("| student | distill texts/s | PyTorch texts/s | distill / PyTorch |\n| --- | --- | --- | --- |\n");
        for (Map<String, Object> r : rows(training)) {
            boolean ran = r.containsKey("peerTextsPerSecond");
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s |%n", r.get("student"),
                    number(r, "oursTextsPerSecond"),
                    ran ? String.format(Locale.ROOT, "%.0f", number(r, "peerTextsPerSecond")) : "—",
                    ran ? String.format(Locale.ROOT, "%.2f", number(r, "oursOverPeer")) : "—"));
        }
        md.append(String.format(Locale.ROOT, "%nBuild cost. The bench's distill step: a KD %s build of the bench's SST-2"
                + " descriptor, run as `distill:compress` runs it (`EngineMain` in a forked JVM), from an empty"
                + " soft-target cache, took **%.0f s** with a peak RSS of **%.0f MiB** (the child's VmHWM).",
                build.get("student"), number(build, "wallSeconds"), number(build, "peakRssMiB")));
        boolean ran = example != null && !example.containsKey("skipped");
        if (ran) {
            md.append(String.format(Locale.ROOT, " The whole example build (`mvn package` in `examples/sentiment`, whose"
                    + " teacher is bge-small with a linear probe fitted during teacher setup; empty work folder and"
                    + " soft-target cache) took **%.0f s** with a peak RSS of **%.0f MiB** summed over Maven and the"
                    + " forked engine (the engine alone %.0f MiB)%s. Its summary: `%s`.%n%n",
                    number(example, "wallSeconds"), number(example, "peakRssMiB"), number(example, "enginePeakRssMiB"),
                    example.get("jarBytes") instanceof Number jar
                            ? String.format(Locale.ROOT, "; the application jar is %.1f MB", jar.doubleValue() / 1e6) : "",
                    example.get("summary")));
        } else {
            md.append(" The example build was not measured")
                    .append(example == null ? "" : ": " + example.get("skipped")).append(".\n\n");
        }
        Map<String, Object> benchStages = (Map<String, Object>) build.get("stageSeconds");
        Map<String, Object> exampleStages = ran ? (Map<String, Object>) example.get("stageSeconds") : Map.of();
        Set<String> stages = new LinkedHashSet<>(benchStages.keySet());
        stages.addAll(exampleStages.keySet());
        md.append("| stage | bench build, s | example build, s |\n| --- | --- | --- |\n");
        for (String stage : stages) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", stage, seconds(benchStages.get(stage)),
                    seconds(exampleStages.get(stage))));
        }
    }

    private static String seconds(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.1f", n.doubleValue()) : "—";
    }

    private static void size(StringBuilder md, Map<String, Object> size) {
        md.append(String.format(Locale.ROOT, "%n**Size** on disk (teacher %.1f MB; (×) = teacher / student).%n%n",
                number(size, "teacherBytes") / 1e6));
        md.append("| student | fp32 | int8 | int8 + vocabulary pruning |\n| --- | --- | --- | --- |\n");
        for (Map<String, Object> r : rows(size)) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f MB (%.1f×) | %.1f MB (%.1f×) | %.1f MB (%.1f×) |%n",
                    r.get("student"), number(r, "fp32Bytes") / 1e6, number(r, "fp32TeacherOverStudent"),
                    number(r, "int8Bytes") / 1e6, number(r, "int8TeacherOverStudent"),
                    number(r, "int8PrunedBytes") / 1e6, number(r, "int8PrunedTeacherOverStudent")));
        }
    }

    private static String withRatio(Map<String, Object> m, Map<String, Object> ratio, String key, String format) {
        String value = String.format(Locale.ROOT, format, number(m, key));
        return ratio == null ? value : value + String.format(Locale.ROOT, " (%.2f×)", number(ratio, key));
    }

    @SuppressWarnings("unchecked")
    private static String kernels(Map<String, Object> settings) {
        return String.join("/", ((List<Number>) settings.get("kernelSizes")).stream()
                .map(n -> Integer.toString(n.intValue())).toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("the results file has no section \"" + key + "\"");
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> section) {
        return (List<Map<String, Object>>) section.get("rows");
    }

    private static double number(Map<String, Object> m, String key) {
        return Sections.number(m, key);
    }

    private static int integer(Map<String, Object> m, String key) {
        return (int) Math.round(number(m, key));
    }
}
