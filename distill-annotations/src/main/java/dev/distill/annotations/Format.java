package dev.distill.annotations;

import java.util.Locale;
import java.util.Optional;

/** The file format of the data files named in {@link Dataset}. */
public enum Format {
    /**
     * Each file's format follows its own file name extension: see {@link #inferFrom(String)}.
     */
    AUTO,
    /**
     * Tab-separated values, UTF-8, a header line naming the columns. A field that starts with a double quote is
     * quoted RFC-4180-style (it may hold tabs, line breaks and doubled quotes), as Python's csv module writes TSV;
     * a quote elsewhere in a field is kept as it is.
     */
    TSV,
    /** Comma-separated values (RFC 4180 quoting), UTF-8, a header line naming the columns. */
    CSV,
    /** One JSON object per line, UTF-8; the columns are the objects' keys. */
    JSONL;

    /**
     * The format that {@link #AUTO} stands for, from the extension of a file name, ignoring case: {@code .tsv} →
     * {@link #TSV}, {@code .csv} → {@link #CSV}, {@code .jsonl} → {@link #JSONL}.
     *
     * @param path a file name or path, either separator
     * @return the format, or empty when the extension is none of those three
     */
    public static Optional<Format> inferFrom(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (Format format : new Format[] {TSV, CSV, JSONL}) {
            if (lower.endsWith("." + format.name().toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
