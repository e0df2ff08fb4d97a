package dev.distill.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a benchmark run as the README's Markdown tables. */
final class BenchTables {

    private BenchTables() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> run) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) run.get("rows");
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Measured %s on %s, %s threads, %s epochs, %s training rows, %s dev rows.%n%n",
                run.get("date"), run.get("machine"), run.get("threads"), run.get("epochs"), run.get("trainRows"),
                run.get("devRows")));
        md.append("| student | loss | teacher acc. | fp32 acc. | int8 acc. | retention | train texts/s | peak RSS |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Map<String, Object> r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.2f%% | %.2f%% | %.2f%% | %.1f%% | %.0f | %.0f MiB |%n",
                    r.get("student"), ((double) r.get("alpha")) > 0 ? "KD (alpha 0.7, T 4)" : "hard labels (alpha 0)",
                    pct(r, "teacherAccuracy"), pct(r, "fp32Accuracy"), pct(r, "int8Accuracy"), pct(r, "retention"),
                    num(r, "trainTextsPerSecond"), num(r, "peakRssMiB")));
        }
        md.append("\n| student (KD) | fp32 size | int8 size | int8 + pruning | teacher size | batch-1 p50 fp32 → int8 | batch-64 texts/s fp32 → int8 | teacher batch-1 p50 |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Map<String, Object> r : rows) {
            if (((double) r.get("alpha")) == 0) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.1f MB | %.1f MB | %.1f MB | %.1f MB | %.3f → %.3f ms | %.0f → %.0f | %.2f ms |%n",
                    r.get("student"), mb(r, "fp32Bytes"), mb(r, "int8Bytes"), mb(r, "int8PrunedBytes"),
                    mb(r, "teacherBytes"), num(r, "fp32LatencyP50Ms"), num(r, "int8LatencyP50Ms"),
                    num(r, "fp32Batch64TextsPerSecond"), num(r, "int8Batch64TextsPerSecond"),
                    num(r, "teacherLatencyP50Ms")));
        }
        return md.toString();
    }

    private static double pct(Map<String, Object> r, String key) {
        return num(r, key) * 100;
    }

    private static double mb(Map<String, Object> r, String key) {
        return num(r, key) / 1e6;
    }

    private static double num(Map<String, Object> r, String key) {
        return ((Number) r.get(key)).doubleValue();
    }
}
