package dev.distill.spark;

import dev.distill.annotations.Format;
import java.util.Locale;
import java.util.Optional;

/** The layout of the input texts: the engine's three text formats, and Parquet. */
public enum InputFormat {
    /** From the file name's extension (of the files in a folder). */
    AUTO,
    /** The engine's TSV ({@link Format#TSV}). */
    TSV,
    /** The engine's CSV ({@link Format#CSV}). */
    CSV,
    /** The engine's JSON lines ({@link Format#JSONL}). */
    JSONL,
    /** Parquet files with a string column of texts, read by Spark. */
    PARQUET;

    /** The format a file name's extension names, if any. */
    static Optional<InputFormat> ofFileName(String name) {
        if (name.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return Optional.of(PARQUET);
        }
        return Format.inferFrom(name).map(format -> valueOf(format.name()));
    }

    /** The engine's format of a text file; not for {@link #PARQUET}. */
    Format engineFormat() {
        if (this == PARQUET || this == AUTO) {
            throw new IllegalStateException(this + " is not one of the engine's text formats");
        }
        return Format.valueOf(name());
    }
}
