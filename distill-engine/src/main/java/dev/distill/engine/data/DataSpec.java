package dev.distill.engine.data;

import dev.distill.annotations.Format;
import dev.distill.annotations.MissingValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where the data is and how to read it.
 *
 * @param train the labelled training file
 * @param dev the labelled dev file, or null to hold out {@code devFraction} of train
 * @param transfer an unlabelled file of extra texts for the teacher to label (only the text column is read), or null
 * @param format the files' format; AUTO decides per file from its extension
 * @param textColumn the text column (TSV/CSV header) or key (JSONL)
 * @param labelColumn the label column or key
 * @param labels an explicit label set (for a probe teacher), or empty
 * @param skipBadRows whether bad rows are skipped and counted rather than failing
 * @param devFraction the share of train held out when there is no dev file
 * @param seed the seed of the hold-out split
 * @param features the numeric feature columns of tabular data (an MLP student), or empty for all but the label
 * @param missing what tabular data do with a missing or non-numeric feature value
 * @param softTargets a folder of texts with their teacher outputs computed outside the build (distill-spark), or null
 */
public record DataSpec(Path train, Path dev, Path transfer, Format format, String textColumn, String labelColumn,
        List<String> labels, boolean skipBadRows, double devFraction, long seed, List<String> features,
        MissingValues missing, Path softTargets) {

    /** No soft-target folder. */
    public DataSpec(Path train, Path dev, Path transfer, Format format, String textColumn, String labelColumn,
            List<String> labels, boolean skipBadRows, double devFraction, long seed, List<String> features,
            MissingValues missing) {
        this(train, dev, transfer, format, textColumn, labelColumn, labels, skipBadRows, devFraction, seed, features,
                missing, null);
    }

    /** Text data: no feature columns, missing values an error. */
    public DataSpec(Path train, Path dev, Path transfer, Format format, String textColumn, String labelColumn,
            List<String> labels, boolean skipBadRows, double devFraction, long seed) {
        this(train, dev, transfer, format, textColumn, labelColumn, labels, skipBadRows, devFraction, seed, List.of(),
                MissingValues.ERROR);
    }

    /** Checks the required parts. */
    public DataSpec {
        features = List.copyOf(features);
        Objects.requireNonNull(missing, "missing");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(textColumn, "textColumn");
        Objects.requireNonNull(labelColumn, "labelColumn");
        labels = List.copyOf(labels);
        if (textColumn.equals(labelColumn)) {
            throw new IllegalArgumentException("text and label column are both '" + textColumn + "'");
        }
    }

    /** TSV/CSV/JSONL by extension, no dev or transfer file, 10% held out, bad rows fail. */
    public static DataSpec of(Path train, String textColumn, String labelColumn) {
        return new DataSpec(train, null, null, Format.AUTO, textColumn, labelColumn, List.of(), false,
                DevSplit.DEFAULT_DEV_FRACTION, 42);
    }

    /** This spec with tabular feature columns (empty: all but the label) and a missing-value policy. */
    public DataSpec withFeatures(List<String> featureColumns, MissingValues policy) {
        return new DataSpec(train, dev, transfer, format, textColumn, labelColumn, labels, skipBadRows, devFraction,
                seed, featureColumns, policy, softTargets);
    }

    /** This spec with a dev file. */
    public DataSpec withDev(Path devFile) {
        return new DataSpec(train, devFile, transfer, format, textColumn, labelColumn, labels, skipBadRows,
                devFraction, seed, features, missing, softTargets);
    }

    /** This spec with a transfer file. */
    public DataSpec withTransfer(Path transferFile) {
        return new DataSpec(train, dev, transferFile, format, textColumn, labelColumn, labels, skipBadRows,
                devFraction, seed, features, missing, softTargets);
    }

    /** This spec with a soft-target folder. */
    public DataSpec withSoftTargets(Path folder) {
        return new DataSpec(train, dev, transfer, format, textColumn, labelColumn, labels, skipBadRows,
                devFraction, seed, features, missing, folder);
    }

    /** This spec with bad rows skipped (true) or failing (false). */
    public DataSpec withSkipBadRows(boolean skip) {
        return new DataSpec(train, dev, transfer, format, textColumn, labelColumn, labels, skip, devFraction, seed,
                features, missing, softTargets);
    }

    /** This spec with an explicit label set. */
    public DataSpec withLabels(List<String> explicitLabels) {
        return new DataSpec(train, dev, transfer, format, textColumn, labelColumn, explicitLabels, skipBadRows,
                devFraction, seed, features, missing, softTargets);
    }
}
