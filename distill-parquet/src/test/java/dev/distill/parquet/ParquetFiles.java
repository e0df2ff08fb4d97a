package dev.distill.parquet;

import dev.distill.engine.teacher.SoftTargetCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * Writes soft-target Parquet files for the tests with DuckDB itself: the values are bound as float32 arrays (no
 * decimal text on the way), so a test can check that the reader gives back every bit.
 */
final class ParquetFiles {

    /** One row to write: its key, text, logits and (when not null) sentence vector. */
    record Row(String sha256, String text, float[] logits, float[] pooled) {
        /** A row whose key is its text's SHA-256. */
        static Row of(String text, float[] logits, float[] pooled) {
            return new Row(SoftTargetCache.textSha256(text), text, logits, pooled);
        }
    }

    private ParquetFiles() {
    }

    /** Writes rows as a Parquet file with the columns sha256, text, logits [, pooled], as distill-spark does. */
    static Path write(Path file, List<Row> rows) throws Exception {
        boolean pooled = !rows.isEmpty() && rows.get(0).pooled() != null;
        return writeSql(file, "sha256 VARCHAR, text VARCHAR, logits FLOAT[]" + (pooled ? ", pooled FLOAT[]" : ""),
                rows, pooled);
    }

    /**
     * Writes rows under another schema (for the bad-input tests): {@code columns} is a table definition whose first
     * columns take the row's key, text and logits in that order, e.g. {@code "sha256 VARCHAR, text VARCHAR, logits
     * DOUBLE[]"}.
     */
    static Path writeSql(Path file, String columns, List<Row> rows, boolean pooled) throws Exception {
        Files.createDirectories(file.getParent());
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
                Statement statement = connection.createStatement()) {
            statement.execute("SET threads TO 1");
            statement.execute("CREATE TABLE t (" + columns + ")");
            int width = columns.split(",").length;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(width, "?")) + ")")) {
                for (Row row : rows) {
                    insert.setString(1, row.sha256());
                    insert.setString(2, row.text());
                    insert.setObject(3, floats(connection, row.logits()));
                    if (pooled) {
                        insert.setObject(4, floats(connection, row.pooled()));
                    }
                    insert.executeUpdate();
                }
            }
            statement.execute("COPY t TO '" + file.toAbsolutePath().toString().replace("'", "''")
                    + "' (FORMAT parquet)");
        }
        return file;
    }

    private static java.sql.Array floats(Connection connection, float[] values) throws SQLException {
        if (values == null) {
            return null;
        }
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return connection.createArrayOf("FLOAT", boxed);
    }
}
