package dev.distill.spark;

import com.google.gson.GsonBuilder;
import dev.distill.annotations.Format;
import dev.distill.engine.data.TeacherLabels;
import dev.distill.engine.data.TeacherSetup;
import dev.distill.engine.io.AtomicFolder;
import dev.distill.engine.teacher.BatchedTeacherRun;
import dev.distill.engine.teacher.ProgressListener;
import dev.distill.engine.teacher.SoftTargetCache;
import dev.distill.engine.teacher.Teacher;
import dev.distill.runtime.data.BadRows;
import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The entry of {@code bench/spark} (a benchmark, not a test): labels the same texts with the same teacher in the
 * engine's own JVM (its {@link TeacherLabels} through a fresh soft-target cache, one ONNX Runtime session with all
 * the threads) and then with this job on Spark {@code local[N]} (N tasks of one thread each), one after the other,
 * and writes texts/s of each, the ratio, and the largest difference between their labels.
 *
 * <p>Arguments: teacher folder, input TSV/CSV/JSONL, text column, scratch folder, results folder, threads; then,
 * optionally, the output folder of a run of the same texts on a standalone cluster and its seconds, compared too.
 */
public final class LabellingBench {

    private LabellingBench() {
    }

    public static void main(String[] args) throws IOException {
        Path teacherFolder = Path.of(args[0]);
        Path input = Path.of(args[1]);
        String textColumn = args[2];
        Path scratch = Path.of(args[3]);
        Path results = Path.of(args[4]);
        int threads = Integer.parseInt(args[5]);
        AtomicFolder.deleteRecursively(scratch);
        Files.createDirectories(scratch);

        List<TextRow> rows = new TextFileReader(textColumn, null).read(input, Format.AUTO, BadRows.failFast());
        List<String> texts = rows.stream().map(TextRow::text).toList();
        int distinct = new LinkedHashSet<>(texts).size();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("input", input.toString());
        figures.put("teacher", teacherFolder.toString());
        figures.put("texts", texts.size());
        figures.put("distinctTexts", distinct);
        figures.put("threads", threads);
        figures.put("batchSize", BatchedTeacherRun.DEFAULT_BATCH_SIZE);
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        // The cores may be shared with other work: the load average says how busy they were around each phase.
        figures.put("loadAverageBeforeEngine", loadAverage());

        // 1. The engine's JVM: one session with all the threads, the transfer-set path (its cache takes each text
        // once).
        TeacherSettings engineTeacher = new TeacherSettings(teacherFolder.toString(), null, 0, threads,
                BatchedTeacherRun.DEFAULT_BATCH_SIZE, false);
        float[][] engine;
        long opened = System.nanoTime();
        try (Teacher teacher = TeacherSetup.openClassifier(engineTeacher.spec(threads))) {
            long start = System.nanoTime();
            engine = new TeacherLabels(new SoftTargetCache(scratch.resolve("cache"), System.err::println),
                    BatchedTeacherRun.DEFAULT_BATCH_SIZE, ProgressListener.NONE)
                    .logits(teacher, texts, i -> "row " + i);
            double seconds = (System.nanoTime() - start) / 1e9;
            figures.put("engineOpenSeconds", (start - opened) / 1e9);
            figures.put("engineLabelSeconds", seconds);
            figures.put("engineTextsPerSecond", distinct / seconds);
            figures.put("engineMaxLength", teacher.maxLength());
        }

        figures.put("loadAverageBeforeSpark", loadAverage());
        // 2. Spark local[threads]: one session per executor JVM, one thread per task, threads tasks at once.
        long sparkStart = System.nanoTime();
        SparkSession spark = SparkSession.builder().master("local[" + threads + "]").appName("distill bench/spark")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            long jobStart = System.nanoTime();
            Path output = scratch.resolve("labelled");
            TeacherSettings sparkTeacher = new TeacherSettings(teacherFolder.toString(), null, 0, 1,
                    BatchedTeacherRun.DEFAULT_BATCH_SIZE, false);
            LabellingJob.Summary summary = LabellingJob.run(spark, new LabellingJob.Settings(input, InputFormat.AUTO,
                    textColumn, sparkTeacher, output, false, LabellingJob.DEFAULT_ROWS_PER_PARTITION));
            double jobSeconds = (System.nanoTime() - jobStart) / 1e9;
            figures.put("sparkStartSeconds", (jobStart - sparkStart) / 1e9);
            figures.put("sparkJobSeconds", jobSeconds);
            figures.put("sparkTextsPerSecond", summary.rows() / jobSeconds);
            figures.put("sparkPartitions", summary.partitions());
            figures.put("sparkRows", summary.rows());
            figures.put("sparkOverEngine", (summary.rows() / jobSeconds)
                    / (double) figures.get("engineTextsPerSecond"));

            Map<String, float[]> labelled = read(spark, output);
            figures.put("maxAbsLogitDifference", maxDifference(texts, engine, labelled));
            if (args.length > 6) {
                // A run of the same texts on a standalone cluster (bench/spark-standalone): its rows and labels.
                Map<String, float[]> cluster = read(spark, Path.of(args[6]));
                double seconds = Double.parseDouble(args[7]);
                figures.put("standaloneRows", cluster.size());
                figures.put("standaloneSameTextsAsLocal", cluster.keySet().equals(labelled.keySet()));
                figures.put("standaloneSeconds", seconds); // the whole driver run, its JVM's start included
                figures.put("standaloneTextsPerSecond", cluster.size() / seconds);
                figures.put("standaloneMaxAbsLogitDifference", maxDifference(texts, engine, cluster));
            }
        } finally {
            spark.stop();
        }
        figures.put("loadAverageAfterSpark", loadAverage());
        Files.createDirectories(results);
        Path file = results.resolve((args.length > 6 ? "spark-standalone-" : "spark-") + LocalDate.now() + ".json");
        String json = new GsonBuilder().setPrettyPrinting().create().toJson(figures) + "\n";
        Files.writeString(file, json);
        System.out.print(json);
        System.out.println("wrote " + file);
    }

    /** The logits of an output folder by text. */
    private static Map<String, float[]> read(SparkSession spark, Path folder) {
        Map<String, float[]> labelled = new HashMap<>();
        for (Row row : spark.read().parquet(folder.toString()).collectAsList()) {
            labelled.put(row.getAs(LabelledColumns.TEXT), LabelledColumns.floats(row, LabelledColumns.LOGITS));
        }
        return labelled;
    }

    /** The largest |difference| between the engine's logits and an output's, over every text. */
    private static double maxDifference(List<String> texts, float[][] engine, Map<String, float[]> labelled) {
        double max = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] row = labelled.get(texts.get(i));
            if (row == null) {
                return Double.POSITIVE_INFINITY; // a text without its row
            }
            for (int j = 0; j < row.length; j++) {
                max = Math.max(max, Math.abs(row[j] - engine[i][j]));
            }
        }
        return max;
    }

    /** The 1-minute load average, as /proc/loadavg gives it. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
