package dev.distill.parquet;

import dev.distill.engine.softtargets.SoftTargetColumns;
import dev.distill.engine.softtargets.SoftTargetFolder;
import dev.distill.engine.softtargets.SoftTargetReader;
import dev.distill.engine.softtargets.SoftTargetRow;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * Reads soft-target Parquet files with DuckDB's JDBC driver: an in-memory database on one thread (the build's
 * cores belong to training), each file on its own so that a message names the file, its rows in file order.
 *
 * <p>Why DuckDB: parquet-java's reader needs Hadoop's classes at run time even through its Hadoop-free API, which
 * would bring Hadoop into the training JVM; DuckDB is one jar with its native library and no dependencies.
 */
public final class DuckDbSoftTargetReader implements SoftTargetReader {

    /** The column types a file must have: strings, and lists of float32 (the teacher's outputs as computed). */
    private static final String STRING = "VARCHAR";
    private static final String FLOATS = "FLOAT[]";

    private String version = "";

    /** The reader {@link java.util.ServiceLoader} makes. */
    public DuckDbSoftTargetReader() {
    }

    @Override
    public String description() {
        return "Parquet (DuckDB" + (version.isEmpty() ? "" : " " + version) + ")";
    }

    @Override
    public List<SoftTargetRow> read(List<Path> files) throws IOException {
        List<SoftTargetRow> rows = new ArrayList<>();
        // Parquet is built into the driver's library; DuckDB would otherwise fetch a missing extension
        // from its servers at run time, and a build must not touch the network.
        Properties offline = new Properties();
        offline.setProperty("autoinstall_known_extensions", "false");
        offline.setProperty("autoload_known_extensions", "false");
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", offline);
                Statement statement = connection.createStatement()) {
            version = connection.getMetaData().getDatabaseProductVersion();
            statement.execute("SET threads TO 1");
            for (Path file : files) {
                read(statement, file, rows);
            }
        } catch (SQLException e) {
            throw new IOException("DuckDB cannot open an in-memory database to read " + SoftTargetFolder.SETTING
                    + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static void read(Statement statement, Path file, List<SoftTargetRow> into) {
        String source = "read_parquet(" + literal(file) + ", file_row_number = true)";
        boolean pooled = checkColumns(statement, file, source);
        String query = "SELECT " + SoftTargetColumns.SHA256 + ", " + SoftTargetColumns.TEXT + ", "
                + SoftTargetColumns.LOGITS + (pooled ? ", " + SoftTargetColumns.POOLED : "")
                + ", file_row_number FROM " + source + " ORDER BY file_row_number";
        String name = file.getFileName().toString();
        try (ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                String location = name + " row " + (result.getLong("file_row_number") + 1);
                into.add(new SoftTargetRow(location, string(result, SoftTargetColumns.SHA256, file, location),
                        string(result, SoftTargetColumns.TEXT, file, location),
                        floats(result, SoftTargetColumns.LOGITS, file, location),
                        pooled ? floats(result, SoftTargetColumns.POOLED, file, location) : null));
            }
        } catch (SQLException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Checks that the file has the columns with their types.
     *
     * @return whether it has the optional {@value SoftTargetColumns#POOLED} column
     */
    private static boolean checkColumns(Statement statement, Path file, String source) {
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet columns = statement.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (columns.next()) {
                types.put(columns.getString("column_name"), columns.getString("column_type"));
            }
        } catch (SQLException e) {
            throw unreadable(file, e);
        }
        types.remove("file_row_number");
        requireType(file, types, SoftTargetColumns.SHA256, STRING);
        requireType(file, types, SoftTargetColumns.TEXT, STRING);
        requireType(file, types, SoftTargetColumns.LOGITS, FLOATS);
        if (types.containsKey(SoftTargetColumns.POOLED)) {
            requireType(file, types, SoftTargetColumns.POOLED, FLOATS);
            return true;
        }
        return false;
    }

    private static void requireType(Path file, Map<String, String> types, String column, String type) {
        String found = types.get(column);
        if (found == null) {
            throw new IllegalArgumentException(SoftTargetFolder.SETTING + " " + file + " has no column " + column
                    + " (its columns: " + types + "): a soft-target file has " + SoftTargetColumns.SHA256 + ", "
                    + SoftTargetColumns.TEXT + " and " + SoftTargetColumns.LOGITS + " [, " + SoftTargetColumns.POOLED
                    + "], as distill-spark writes them");
        }
        if (!found.equals(type)) {
            throw new IllegalArgumentException(SoftTargetFolder.SETTING + " " + file + ": column " + column + " is "
                    + found + ", not " + type + (type.equals(FLOATS) ? ": the teacher's outputs are stored as float32,"
                    + " exactly as it computed them; write them as a list of float" : ""));
        }
    }

    private static String string(ResultSet result, String column, Path file, String location) throws SQLException {
        String value = result.getString(column);
        if (value == null) {
            throw missing(file, location, column);
        }
        return value;
    }

    private static float[] floats(ResultSet result, String column, Path file, String location) throws SQLException {
        Array array = result.getArray(column);
        if (array == null) {
            throw missing(file, location, column);
        }
        Object[] values = (Object[]) array.getArray();
        float[] floats = new float[values.length];
        for (int i = 0; i < floats.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException(SoftTargetFolder.SETTING + " " + file.getParent() + ": "
                        + location + ": " + column + "[" + i + "] is null: every value of a teacher's output is a"
                        + " number; label the text again");
            }
            floats[i] = (Float) values[i];
        }
        array.free();
        return floats;
    }

    private static IllegalArgumentException missing(Path file, String location, String column) {
        return new IllegalArgumentException(SoftTargetFolder.SETTING + " " + file.getParent() + ": " + location
                + ": " + column + " is null: every row has a " + column + "; label the text again or drop the row");
    }

    private static IllegalArgumentException unreadable(Path file, SQLException e) {
        return new IllegalArgumentException(SoftTargetFolder.SETTING + " " + file + " cannot be read as Parquet ("
                + e.getMessage().lines().findFirst().orElse("") + "): write it again with distill-spark", e);
    }

    /** A file path as an SQL string literal. */
    private static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
