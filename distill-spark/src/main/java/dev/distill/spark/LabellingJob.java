package dev.distill.spark;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.distill.engine.data.TeacherLabels;
import dev.distill.engine.io.AtomicFolder;
import dev.distill.engine.softtargets.SoftTargetFolder;
import dev.distill.engine.teacher.Teacher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Labels a transfer set on Spark: reads the texts ({@link TextSources}), takes each distinct text once and cuts them
 * into the engine's batches ({@link EngineBatchOrder}, so that the labels are the engine's bit for bit), labels each
 * partition with the executor's teacher
 * ({@link PartitionLabeller}) and writes Parquet rows ({@link LabelledColumns}) with {@value #METADATA} beside them,
 * into a temporary sibling folder renamed into place when the job has succeeded.
 */
public final class LabellingJob {

    /** The file beside the Parquet parts that says which teacher wrote the rows (its cache key, its labels). */
    public static final String METADATA = SoftTargetFolder.METADATA;
    /** Texts per partition when none is given: a partition's texts are held in memory while it is labelled. */
    public static final int DEFAULT_ROWS_PER_PARTITION = 20_000;

    /** At least this many partitions per core (when there are enough batches). */
    static final int TASKS_PER_CORE = 4;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /**
     * What to label and where to write it.
     *
     * @param input a file, or a folder of files of one format, at a path every executor can read
     * @param format the input's format; AUTO from the file names
     * @param textColumn the text column, or null for the engine's guesses
     * @param teacher the teacher
     * @param output the output folder (on a file system the driver can rename in)
     * @param overwrite whether an existing output folder is replaced
     * @param rowsPerPartition texts per partition, at least 1 (there are at least as many partitions as cores)
     */
    public record Settings(Path input, InputFormat format, String textColumn, TeacherSettings teacher, Path output,
            boolean overwrite, int rowsPerPartition) {

        /** Checks the settings. */
        public Settings {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(teacher, "teacher");
            Objects.requireNonNull(output, "output");
            if (rowsPerPartition < 1) {
                throw new IllegalArgumentException("--rows-per-partition must be at least 1, got " + rowsPerPartition);
            }
        }
    }

    /**
     * What was written.
     *
     * @param inputRows the rows read
     * @param rows the rows written: one per distinct text
     * @param partitions the partitions labelled
     * @param teacherKey the soft-target cache key of the teacher
     */
    public record Summary(long inputRows, long rows, int partitions, String teacherKey) {
    }

    private LabellingJob() {
    }

    /** Runs the job. */
    public static Summary run(SparkSession spark, Settings settings) {
        return run(spark, settings, -1);
    }

    /** @param failFirstAttemptOf a test hook: the partition whose first attempt fails; -1 for none */
    static Summary run(SparkSession spark, Settings settings, int failFirstAttemptOf) {
        Path output = checkOutput(settings);
        // The teacher first, on the driver: a broken one fails before any data is read, and its cache key and labels
        // go beside the rows. In local mode the driver is the executor, which then finds it open.
        Teacher teacher = ExecutorTeachers.of(settings.teacher(),
                spark.sparkContext().conf().getInt("spark.task.cpus", 1));
        String teacherKey = TeacherLabels.key(teacher);
        Dataset<Row> texts = TextSources.read(spark, settings.input().toAbsolutePath().normalize(), settings.format(),
                settings.textColumn());
        long inputRows = texts.count();
        // Partitions hold texts of similar length, so their costs differ: several per core even out the load.
        EngineBatchOrder.Partitioned ranked = EngineBatchOrder.of(texts, settings.teacher().batchSize(),
                settings.rowsPerPartition(), TASKS_PER_CORE * spark.sparkContext().defaultParallelism());
        // Counted by the tasks that succeed: Spark applies a result task's accumulator updates once, retries or not.
        LongAccumulator written = spark.sparkContext().longAccumulator("distill rows written");
        JavaRDD<Row> labelled = ranked.ranked().mapPartitions(
                new PartitionLabeller(settings.teacher(), written, failFirstAttemptOf));
        try {
            AtomicFolder.write(output, temp -> {
                spark.createDataFrame(labelled, LabelledColumns.schema(settings.teacher().pooled())).write()
                        .mode(SaveMode.Overwrite).parquet(temp.toString());
                writeMetadata(temp.resolve(METADATA), settings, teacher, teacherKey, written.value());
            });
        } finally {
            ranked.release();
        }
        return new Summary(inputRows, written.value(), ranked.partitions(), teacherKey);
    }

    /**
     * The output folder, refused when it exists and the settings do not replace it: checked before Spark starts.
     *
     * @return the output folder as an absolute path
     * @throws IllegalArgumentException when the folder exists and {@code overwrite} is not set
     */
    public static Path checkOutput(Settings settings) {
        Path output = settings.output().toAbsolutePath().normalize();
        if (Files.exists(output) && !settings.overwrite()) {
            throw new IllegalArgumentException("The output folder " + output + " already exists; give --overwrite to"
                    + " replace it, or another --output");
        }
        return output;
    }

    private static void writeMetadata(Path file, Settings settings, Teacher teacher, String teacherKey, long rows)
            throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty(SoftTargetFolder.TEACHER_KEY, teacherKey);
        json.addProperty("teacherFingerprint", teacher.fingerprint());
        json.addProperty("teacher", settings.teacher().model());
        json.addProperty("maxLength", teacher.maxLength());
        JsonArray labels = new JsonArray();
        teacher.labels().forEach(labels::add);
        json.add("labels", labels);
        JsonArray columns = new JsonArray();
        for (String name : LabelledColumns.schema(settings.teacher().pooled()).fieldNames()) {
            columns.add(name);
        }
        json.add("columns", columns);
        json.addProperty("rows", rows);
        Files.writeString(file, GSON.toJson(json) + "\n", StandardCharsets.UTF_8);
    }
}
