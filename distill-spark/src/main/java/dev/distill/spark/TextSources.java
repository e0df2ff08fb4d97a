package dev.distill.spark;

import dev.distill.runtime.data.BadRows;
import dev.distill.runtime.data.DataFileException;
import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The input texts as rows {@code (order, location, text)}, {@code order} being the row's place in the input (file by
 * file, line by line), read with the engine's conventions: TSV, CSV and JSONL files by
 * the engine's {@link TextFileReader} itself (one task per file, on the executors: strict UTF-8, the text column
 * found by name or guessed, a text over the limit refused, each with the engine's message naming file and line);
 * Parquet by Spark, its text column found and each text checked as the engine checks one.
 */
final class TextSources {

    /** How a user of the job skips bad rows: there is no such switch, so the message says what to fix. */
    static final String BAD_ROW_ADVICE = "fix the row or leave it out of the input";

    static final StructType SCHEMA = new StructType()
            .add("order", DataTypes.LongType, false)
            .add("location", DataTypes.StringType, false)
            .add("text", DataTypes.StringType, false);

    private TextSources() {
    }

    /**
     * @param input a file, or a folder of files of one format
     * @param format the format, or AUTO for the one the file names' extension gives
     * @param textColumn the text column, or null for the engine's guesses ({@link TextFileReader#TEXT_COLUMN_GUESSES})
     */
    static Dataset<Row> read(SparkSession spark, Path input, InputFormat format, String textColumn) {
        List<Path> files = files(input);
        InputFormat resolved = format != InputFormat.AUTO ? format : formatOf(files);
        if (resolved == InputFormat.PARQUET) {
            return readParquet(spark, input, textColumn);
        }
        List<Row> numbered = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            numbered.add(RowFactory.create((long) i, files.get(i).toString()));
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> paths = spark.createDataFrame(context.parallelize(numbered, numbered.size()),
                new StructType().add("index", DataTypes.LongType, false).add("file", DataTypes.StringType, false));
        return paths.flatMap(new DelimitedFile(resolved, textColumn), Encoders.row(SCHEMA));
    }

    /** The files of the input: the file itself, or a folder's visible files in name order. */
    static List<Path> files(Path input) {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new DataFileException(input, 0, "the data file does not exist");
        }
        try (Stream<Path> listing = Files.list(input)) {
            List<Path> files = listing.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".")
                            && !f.getFileName().toString().startsWith("_"))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new DataFileException(input, 0, "the input folder holds no data files");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the input folder " + input + ": " + e.getMessage(), e);
        }
    }

    private static InputFormat formatOf(List<Path> files) {
        InputFormat format = null;
        for (Path file : files) {
            InputFormat own = InputFormat.ofFileName(file.getFileName().toString()).orElseThrow(
                    () -> new IllegalArgumentException("Cannot tell the format of data file " + file + " from its"
                            + " extension; name it .tsv, .csv, .jsonl or .parquet, or give --format"));
            if (format != null && own != format) {
                throw new IllegalArgumentException("The input folder " + file.getParent() + " mixes " + format
                        + " and " + own + " files (" + file.getFileName() + "); give one format per folder");
            }
            format = own;
        }
        return format;
    }

    private static Dataset<Row> readParquet(SparkSession spark, Path input, String textColumn) {
        Dataset<Row> table = spark.read().parquet(input.toString());
        String column = new TextFileReader(textColumn, null).textColumnAmong(input, List.of(table.columns()));
        if (!DataTypes.StringType.equals(table.schema().apply(column).dataType())) {
            throw new DataFileException(input, 0, "the text column " + DataFileException.quote(column) + " is "
                    + table.schema().apply(column).dataType().simpleString() + ", not a string");
        }
        // Increasing in the order Spark reads the files and their rows: the input's order, as a reader's lines are.
        Dataset<Row> texts = table.select(functions.monotonically_increasing_id().as("order"),
                functions.input_file_name().as("file"), functions.col(column).as("text"));
        return texts.map(new ParquetText(column), Encoders.row(SCHEMA));
    }

    /** Reads one TSV, CSV or JSONL file with the engine's reader. */
    private static final class DelimitedFile implements FlatMapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final InputFormat format;
        private final String textColumn;

        DelimitedFile(InputFormat format, String textColumn) {
            this.format = format;
            this.textColumn = textColumn;
        }

        @Override
        public Iterator<Row> call(Row fileRow) {
            long index = fileRow.getLong(0);
            Path file = Path.of(fileRow.getString(1));
            List<TextRow> read = new TextFileReader(textColumn, null).read(file, format.engineFormat(),
                    new BadRows(false, BAD_ROW_ADVICE));
            List<Row> rows = new ArrayList<>(read.size());
            for (TextRow row : read) {
                rows.add(RowFactory.create(index << 32 | row.line(), DataFileException.location(file, row.line()),
                        row.text()));
            }
            return rows.iterator();
        }
    }

    /** Checks one Parquet text as the engine checks a text (a null text is an empty one). */
    private static final class ParquetText implements MapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final String column;

        ParquetText(String column) {
            this.column = column;
        }

        @Override
        public Row call(Row row) {
            Path file = Path.of(java.net.URI.create(row.getString(1)).getPath());
            String text = row.isNullAt(2) ? "" : row.getString(2);
            // Parquet has no lines: the row's place is named by its file alone.
            TextFileReader.acceptText(file, 0, column, text, new BadRows(false, BAD_ROW_ADVICE));
            return RowFactory.create(row.getLong(0), file.toString(), text);
        }
    }
}
