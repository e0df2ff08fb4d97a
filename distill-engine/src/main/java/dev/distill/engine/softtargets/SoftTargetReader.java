package dev.distill.engine.softtargets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the files of a soft-target folder. Implementations are found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.distill.engine.softtargets.SoftTargetReader} entry), so that a file format's library
 * (distill-parquet's DuckDB) is on the engine's class path only in builds that read such a folder.
 *
 * <p>A reader reads and types the columns; the rows' checks (keys, widths, duplicates, the teacher) are
 * {@link SoftTargets}'.
 */
public interface SoftTargetReader {

    /** What it reads with, for the log: e.g. {@code Parquet (DuckDB 1.4.1)}. */
    String description();

    /**
     * Every row of the files, file by file in the given order, each file's rows in its order.
     *
     * @param files the folder's data files ({@link SoftTargetFolder#dataFiles})
     * @throws IllegalArgumentException when a file lacks a column, a column has the wrong type or a value is missing:
     *     the message names the file, the column and the row
     * @throws IOException when a file cannot be read
     */
    List<SoftTargetRow> read(List<Path> files) throws IOException;
}
