package dev.distill.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.distill.engine.data.TeacherLabels;
import dev.distill.engine.data.TeacherSetup;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.teacher.BatchedTeacherRun;
import dev.distill.engine.teacher.EngineFixtures;
import dev.distill.engine.teacher.ProgressListener;
import dev.distill.engine.teacher.SoftTargetCache;
import dev.distill.engine.teacher.Teacher;
import dev.distill.engine.teacher.TeacherOutput;
import dev.distill.runtime.data.BadRows;
import dev.distill.runtime.data.DataFileException;
import dev.distill.runtime.data.TextFileReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labelling job on embedded Spark ({@code local[2]}, 4 attempts a task) with a real teacher: the SST-2 linear
 * probe on the MiniLM encoder of the langchain4j jar (the engine's test fixture), on a slice of testdata/sst2.
 */
class LabellingJobTest {

    /** Texts labelled: few, since each run of the teacher costs; with duplicates, which are labelled once. */
    private static final int ROWS = 120;

    private static SparkSession spark;
    private static Path teacherFolder;
    private static List<String> texts;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        teacherFolder = EngineFixtures.probeFolder();
        texts = EngineFixtures.sst2Train(ROWS).texts();
        // local[2, 4]: two cores, and a failed task is tried up to 4 times (spark.task.maxFailures of local mode).
        spark = SparkSession.builder().master("local[2,4]").appName("LabellingJobTest")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void labelsAreTheEnginesBitForBitEachTextOnce() throws IOException {
        Path input = tsv(temp.resolve("texts.tsv"), withDuplicates(texts));
        Path output = temp.resolve("labelled");

        LabellingJob.Summary summary = LabellingJob.run(spark, settings(input, output, false, false));

        Map<String, float[]> rows = read(output, LabelledColumns.LOGITS);
        Set<String> distinct = new HashSet<>(texts);
        assertEquals(distinct.size(), rows.size(), "one row per distinct text");
        assertEquals(distinct.size(), summary.rows());
        assertEquals(texts.size() + 10, summary.inputRows());
        List<String> inputTexts = withDuplicates(texts);
        float[][] engine;
        try (Teacher teacher = openTeacher()) {
            // The engine's labelling of a transfer set: through its soft-target cache, which takes each text once.
            SoftTargetCache cache = new SoftTargetCache(temp.resolve("cache"), warning -> { });
            engine = new TeacherLabels(cache, BatchedTeacherRun.DEFAULT_BATCH_SIZE, ProgressListener.NONE)
                    .logits(teacher, inputTexts, i -> "row " + i);
            assertEquals(TeacherLabels.key(teacher), summary.teacherKey());
            String metadata = Files.readString(output.resolve(LabellingJob.METADATA));
            assertEquals(TeacherLabels.key(teacher),
                    JsonParser.parseString(metadata).getAsJsonObject().get("teacherKey").getAsString());
        }
        assertEquals(0f, maxDifference(inputTexts, engine, rows), "max |Spark - engine| over the logits");
    }

    @Test
    void pooledVectorsAndParquetInputAreTheEnginesToo() throws IOException {
        List<String> slice = new ArrayList<>(new LinkedHashSet<>(texts.subList(0, 60)));
        Path parquet = temp.resolve("texts.parquet");
        spark.createDataset(slice, Encoders.STRING()).toDF("sentence").coalesce(1).write().parquet(parquet.toString());
        Path output = temp.resolve("labelled");

        LabellingJob.run(spark, settings(parquet, output, true, false));

        List<TeacherOutput> engine;
        try (Teacher teacher = openTeacher()) {
            engine = new BatchedTeacherRun(teacher, BatchedTeacherRun.DEFAULT_BATCH_SIZE, ProgressListener.NONE)
                    .outputs(slice, Set.of(Signal.LOGITS, Signal.POOLED), i -> "row " + i);
        }
        float[][] logits = engine.stream().map(TeacherOutput::logits).toArray(float[][]::new);
        float[][] pooled = engine.stream().map(o -> o.signal(Signal.POOLED).values()).toArray(float[][]::new);
        assertEquals(0f, maxDifference(slice, logits, read(output, LabelledColumns.LOGITS)), "logits");
        Map<String, float[]> sparkPooled = read(output, LabelledColumns.POOLED);
        assertEquals(384, sparkPooled.values().iterator().next().length, "MiniLM's sentence vector");
        assertEquals(0f, maxDifference(slice, pooled, sparkPooled), "pooled vectors");
    }

    @Test
    void aFailedTaskIsRetriedAndEachRowWrittenOnce() throws Exception {
        List<String> slice = texts.subList(0, 80);
        Path input = tsv(temp.resolve("texts.tsv"), slice);
        Path output = temp.resolve("labelled");
        AtomicInteger failedTasks = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                if (taskEnd.taskInfo().failed()) {
                    failedTasks.incrementAndGet();
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            LabellingJob.Summary summary = LabellingJob.run(spark, settings(input, output, false, false), 0);
            spark.sparkContext().listenerBus().waitUntilEmpty();
            assertEquals(1, failedTasks.get(), "the hook fails the first attempt of partition 0, once");
            assertEquals(new HashSet<>(slice).size(), summary.rows(), "rows counted once, retry or not");
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        List<Row> written = spark.read().parquet(output.toString()).collectAsList();
        Set<String> keys = new HashSet<>();
        for (Row row : written) {
            assertTrue(keys.add(row.getString(0)), "sha256 " + row.getString(0) + " written twice");
            assertEquals(SoftTargetCache.textSha256(row.getString(1)), row.getString(0));
        }
        assertEquals(new HashSet<>(slice).size(), written.size(), "each text exactly once");
    }

    @Test
    void badInputGetsTheEnginesMessages() throws IOException {
        Path missing = Files.writeString(temp.resolve("missing.tsv"), "label\tsentence\n1\ta fine film\n");
        assertEngineMessage(missing, "review");

        Path tooLong = Files.writeString(temp.resolve("long.tsv"),
                "label\tsentence\n1\tshort\n0\t" + "a".repeat(TextFileReader.MAX_TEXT_CHARS + 1) + "\n");
        assertEngineMessage(tooLong, "sentence");

        Path latin1 = temp.resolve("latin1.tsv");
        Files.write(latin1, "label\tsentence\n1\tcaf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEngineMessage(latin1, "sentence");
    }

    @Test
    void anExistingOutputFolderIsRefusedUnlessOverwrite() throws IOException {
        Path output = Files.createDirectories(temp.resolve("labelled"));
        Files.writeString(output.resolve("keep.txt"), "earlier results");
        Path input = tsv(temp.resolve("texts.tsv"), texts.subList(0, 4));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = LabelCommand.run("--teacher", teacherFolder.toString(), "--input", input.toString(),
                    "--output", output.toString(), "--threads", "1");
        } finally {
            System.setErr(originalErr);
        }
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("The output folder " + output
                + " already exists; give --overwrite to replace it"), err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.exists(output.resolve("keep.txt")), "the folder is left as it was");

        LabellingJob.run(spark, settings(input, output, false, true));
        assertEquals(4, read(output, LabelledColumns.LOGITS).size());
        assertTrue(Files.notExists(output.resolve("keep.txt")), "replaced as a whole");
        try (var siblings = Files.list(temp)) {
            assertEquals(List.of(), siblings.filter(p -> p.getFileName().toString().startsWith(".labelled"))
                    .toList(), "no temporary folder left beside the output");
        }
    }

    /**
     * Writes {@code testdata/soft-targets/sst2-probe}, the folder the engine's soft-target tests read (distill-parquet):
     * rows 2001-2040 of the SST-2 slice labelled by this test's teacher with its sentence vectors, in two parts. Run
     * only when asked: {@code -Ddistill.writeSoftTargetFixture=true -Dtest=LabellingJobTest#writesTheSoftTargetFixture}.
     */
    @Test
    @EnabledIfSystemProperty(named = "distill.writeSoftTargetFixture", matches = "true")
    void writesTheSoftTargetFixture() throws IOException {
        List<String> slice = EngineFixtures.sst2Train(2040).texts().subList(2000, 2040);
        Path output = EngineFixtures.testdata().resolve("soft-targets/sst2-probe");
        LabellingJob.run(spark, new LabellingJob.Settings(tsv(temp.resolve("texts.tsv"), slice), InputFormat.AUTO,
                "sentence", teacherSettings(true), output, true, 25));
        assertEquals(slice.size(), read(output, LabelledColumns.LOGITS).size());
    }

    /** The job fails on the file with the message the engine's reader gives for it. */
    private void assertEngineMessage(Path file, String textColumn) {
        String engine = assertThrows(DataFileException.class, () -> new TextFileReader(textColumn, null)
                .read(file, dev.distill.annotations.Format.AUTO, new BadRows(false, TextSources.BAD_ROW_ADVICE)))
                .getMessage();
        Path output = temp.resolve("out-" + file.getFileName());
        LabellingJob.Settings settings = new LabellingJob.Settings(file, InputFormat.AUTO, textColumn,
                teacherSettings(false), output, false, LabellingJob.DEFAULT_ROWS_PER_PARTITION);
        Exception failure = assertThrows(Exception.class, () -> LabellingJob.run(spark, settings));
        assertEquals(engine, JobFailures.message(failure));
        assertTrue(Files.notExists(output), "no output folder for a failed job");
    }

    private static LabellingJob.Settings settings(Path input, Path output, boolean pooled, boolean overwrite) {
        // Few texts a partition, so that even this slice is spread over several tasks.
        return new LabellingJob.Settings(input, InputFormat.AUTO, "sentence", teacherSettings(pooled), output,
                overwrite, 25);
    }

    private static TeacherSettings teacherSettings(boolean pooled) {
        return new TeacherSettings(teacherFolder.toString(), null, 0, 1, BatchedTeacherRun.DEFAULT_BATCH_SIZE, pooled);
    }

    /** The teacher as the engine opens it, in a session of its own. */
    private static Teacher openTeacher() {
        return TeacherSetup.openClassifier(teacherSettings(false).spec(1));
    }

    private static List<String> withDuplicates(List<String> texts) {
        List<String> all = new ArrayList<>(texts);
        all.addAll(texts.subList(0, 10));
        return all;
    }

    private static Path tsv(Path file, List<String> texts) throws IOException {
        StringBuilder content = new StringBuilder("label\tsentence\n");
        for (String text : texts) {
            content.append("0\t").append(text).append('\n');
        }
        return Files.writeString(file, content);
    }

    /** One column of the output by text, checking each row's key. */
    private static Map<String, float[]> read(Path output, String column) {
        Map<String, float[]> rows = new HashMap<>();
        for (Row row : spark.read().parquet(output.toString()).collectAsList()) {
            String text = row.getAs(LabelledColumns.TEXT);
            assertEquals(SoftTargetCache.textSha256(text), row.getAs(LabelledColumns.SHA256));
            rows.put(text, LabelledColumns.floats(row, column));
        }
        return rows;
    }

    private static float maxDifference(List<String> texts, float[][] expected, Map<String, float[]> rows) {
        float max = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] actual = rows.get(texts.get(i));
            assertEquals(expected[i].length, actual.length, texts.get(i));
            for (int j = 0; j < actual.length; j++) {
                max = Math.max(max, Math.abs(actual[j] - expected[i][j]));
            }
        }
        return max;
    }
}
