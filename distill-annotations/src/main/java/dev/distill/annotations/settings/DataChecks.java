package dev.distill.annotations.settings;

import static dev.distill.annotations.settings.Diagnostics.quote;

import dev.distill.annotations.Format;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Checks {@code @Dataset}: the data files, their formats and the columns and labels to read. */
final class DataChecks {

    private DataChecks() {
    }

    /** @param images whether the student reads images: a data file may then be a folder of class folders */
    static void check(Settings data, boolean images, Diagnostics diagnostics, PathChecker files) {
        if (data.string("train").isEmpty()) {
            diagnostics.error("data.train", diagnostics.describe("data.train") + " is empty: name the labelled"
                    + " training file (.tsv, .csv or .jsonl), relative to the project base directory");
        }
        Format format = Format.valueOf(data.constant("format"));
        for (String file : new String[] {"train", "dev", "transfer"}) {
            if (images) {
                checkImages("data." + file, data.string(file), diagnostics, files);
            } else {
                checkFile("data." + file, data.string(file), format, diagnostics, files);
            }
        }
        if (!images && !data.string("softTargets").isEmpty()) {
            // A folder of Parquet files; what is inside (columns, rows) is checked by the build that reads it.
            files.existingFolder("data.softTargets", data.string("softTargets"), diagnostics);
        }
        RangeCheck.require(diagnostics, "data.devFraction", data.real("devFraction"), Range.openClosed(0, 0.5),
                "data.devFraction is the share of the training data held out when data.dev is empty");
        if (!data.string("dev").isEmpty() && data.isWritten("devFraction")) {
            diagnostics.warning("data.devFraction", diagnostics.describe("data.devFraction")
                    + " has no effect because " + diagnostics.describe("data.dev") + " is set");
        }
        checkColumns(data, diagnostics);
        checkLabels(data.strings("labels"), diagnostics);
    }

    /** Images are a folder of class folders, a CSV file of paths and labels, or MNIST's IDX image file. */
    private static void checkImages(String setting, String path, Diagnostics diagnostics, PathChecker files) {
        if (path.isEmpty()) {
            return;
        }
        files.existingFileOrFolder(setting, path, diagnostics).filter(java.nio.file.Files::isRegularFile)
                .filter(file -> !isImageFile(file.getFileName().toString().toLowerCase(java.util.Locale.ROOT)))
                .ifPresent(file -> diagnostics.error(setting, diagnostics.describe(setting, quote(path))
                        + " is a file but not a .csv: an IMAGE_CNN student reads a folder of class folders"
                        + " (<split>/<class>/<file>.png), a CSV file with the columns path and data.labelColumn,"
                        + " or an IDX image file (train-images-idx3-ubyte[.gz], its labels beside it)"));
    }

    private static boolean isImageFile(String name) {
        return name.endsWith(".csv") || name.endsWith("-idx3-ubyte") || name.endsWith("-idx3-ubyte.gz");
    }

    private static void checkFile(String setting, String path, Format format, Diagnostics diagnostics,
            PathChecker files) {
        if (path.isEmpty()) {
            return;
        }
        files.existingFile(setting, path, diagnostics);
        Optional<Format> inferred = Format.inferFrom(path);
        if (format == Format.AUTO && inferred.isEmpty()) {
            diagnostics.error(setting, diagnostics.describe(setting, quote(path)) + " has an extension that does not"
                    + " tell its format: name the file .tsv, .csv or .jsonl, or set data.format = Format.TSV,"
                    + " Format.CSV or Format.JSONL");
        } else if (format != Format.AUTO && inferred.isPresent() && inferred.get() != format) {
            diagnostics.warning(setting, diagnostics.describe(setting, quote(path)) + " looks like " + inferred.get()
                    + " but is read as " + diagnostics.describe("data.format", format.name()));
        }
    }

    private static void checkColumns(Settings data, Diagnostics diagnostics) {
        if (data.string("textColumn").isEmpty()) {
            diagnostics.error("data.textColumn", diagnostics.describe("data.textColumn") + " is empty: name the"
                    + " column (or JSONL key) that holds the text, e.g. \"text\" or \"sentence\"");
        }
        if (data.string("labelColumn").isEmpty()) {
            diagnostics.error("data.labelColumn", diagnostics.describe("data.labelColumn") + " is empty: name the"
                    + " column (or JSONL key) that holds the gold label, e.g. \"label\"");
        }
        String text = data.string("textColumn");
        if (!text.isEmpty() && text.equals(data.string("labelColumn"))) {
            // Point at whichever of the two is written out; a default has no position of its own.
            boolean labelWritten = data.isWritten("labelColumn");
            String written = labelWritten ? "data.labelColumn" : "data.textColumn";
            String other = labelWritten ? "data.textColumn" : "data.labelColumn";
            diagnostics.error(written, diagnostics.describe(written, quote(text)) + " names the same column as "
                    + diagnostics.describe(other) + ": the text and the label must be different columns");
        }
    }

    private static void checkLabels(String[] labels, Diagnostics diagnostics) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.length; i++) {
            String element = "data.labels[" + i + "]";
            if (labels[i].isEmpty()) {
                diagnostics.errorAt("data.labels", i, diagnostics.describe(element)
                        + " is empty: a label must be non-empty");
            } else if (!seen.add(labels[i])) {
                diagnostics.errorAt("data.labels", i, diagnostics.describe(element, quote(labels[i]))
                        + " appears twice: each label is one output class");
            }
        }
    }
}
