package dev.distill.spark;

import dev.distill.engine.teacher.BatchedTeacherRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distill-spark label}: the command line of the {@link LabellingJob}. Run it with {@code bin/distill-spark}
 * (embedded Spark, {@code local[*]} unless {@code --master} says otherwise) or hand this class to
 * {@code spark-submit}, whose master it then uses.
 */
@Command(name = "distill-spark", mixinStandardHelpOptions = true,
        description = {"Labels a transfer set with a teacher classifier on Apache Spark and writes Parquet rows:",
            "sha256 (the soft-target cache key), text, logits and, with --pooled, the teacher's sentence vector."})
public final class LabelCommand implements Callable<Integer> {

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "<file|folder>",
            description = "The texts: a TSV, CSV, JSONL or Parquet file, or a folder of files of one format.")
    Path input;

    @Option(names = "--format", paramLabel = "<format>", defaultValue = "AUTO",
            description = "AUTO (from the extension), TSV, CSV, JSONL or PARQUET. Default: ${DEFAULT-VALUE}.")
    InputFormat format;

    @Option(names = "--text-column", paramLabel = "<name>",
            description = "The text column or JSON key (default: the first of text, sentence, content, review,"
                    + " document).")
    String textColumn;

    @Option(names = "--teacher", required = true, paramLabel = "<folder|model.onnx>",
            description = "The teacher classifier: a folder with model.onnx, tokenizer.json and config.json"
                    + " (id2label), or its model file; a linear probe's fitted folder for a probe teacher.")
    Path teacher;

    @Option(names = "--tokenizer", paramLabel = "<tokenizer.json>",
            description = "The tokenizer, when not beside the model.")
    Path tokenizer;

    @Option(names = "--max-length", paramLabel = "<tokens>", defaultValue = "0",
            description = "Tokens per text; 0 for config.json's max_length (else 128), as the engine does.")
    int maxLength;

    @Option(names = "--batch-size", paramLabel = "<texts>",
            description = "Texts per teacher call (default: the engine's, " + BatchedTeacherRun.DEFAULT_BATCH_SIZE
                    + ").")
    int batchSize = BatchedTeacherRun.DEFAULT_BATCH_SIZE;

    @Option(names = "--threads", paramLabel = "<n>", defaultValue = "0",
            description = "ONNX Runtime intra-op threads per task; 0 for the cores a task holds (spark.task.cpus).")
    int threads;

    @Option(names = "--pooled", description = "Also write the teacher's sentence vector (the input of its head).")
    boolean pooled;

    @Option(names = "--output", required = true, paramLabel = "<folder>",
            description = "The Parquet folder to write; written to a temporary sibling and renamed into place.")
    Path output;

    @Option(names = "--overwrite", description = "Replace an existing output folder (else it is refused).")
    boolean overwrite;

    @Option(names = "--master", paramLabel = "<url>",
            description = "The Spark master: local[*] (the default), local[N], spark://host:7077, ...; under"
                    + " spark-submit, its --master.")
    String master;

    @Option(names = "--rows-per-partition", paramLabel = "<texts>",
            description = "Texts per partition (default: " + LabellingJob.DEFAULT_ROWS_PER_PARTITION + ").")
    int rowsPerPartition = LabellingJob.DEFAULT_ROWS_PER_PARTITION;

    @Option(names = "--conf", paramLabel = "<key=value>",
            description = "A Spark setting, e.g. --conf spark.executor.memory=4g; may be repeated.")
    Map<String, String> conf = new LinkedHashMap<>();

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command; errors are printed as one message naming what to fix. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new LabelCommand());
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("distill-spark: " + JobFailures.message(e));
            cl.getErr().flush();
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        TeacherSettings teacherSettings = new TeacherSettings(teacher.toString(),
                tokenizer == null ? null : tokenizer.toString(), maxLength, threads, batchSize, pooled);
        LabellingJob.Settings settings = new LabellingJob.Settings(input, format, textColumn, teacherSettings, output,
                overwrite, rowsPerPartition);
        LabellingJob.checkOutput(settings);
        SparkConf sparkConf = new SparkConf().setAppName("distill-spark label");
        conf.forEach(sparkConf::set);
        if (master != null) {
            sparkConf.setMaster(master);
        } else if (!sparkConf.contains("spark.master")) {
            sparkConf.setMaster("local[*]");
        }
        if (sparkConf.get("spark.master").startsWith("local")) {
            // Embedded Spark talks to itself only: on loopback, not on whatever address the host name resolves to.
            sparkConf.setIfMissing("spark.driver.host", "127.0.0.1");
            sparkConf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkSession spark = SparkSession.builder().config(sparkConf).getOrCreate();
        try {
            LabellingJob.Summary summary = LabellingJob.run(spark, settings);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Labelled %d distinct texts (of %d rows read) in %d partitions into %s (teacher key %s)%n",
                    summary.rows(), summary.inputRows(), summary.partitions(), output.toAbsolutePath(),
                    summary.teacherKey());
            out.flush();
        } finally {
            spark.stop();
        }
        return 0;
    }
}
