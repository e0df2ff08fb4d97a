package dev.distill.engine.spec;

import dev.distill.annotations.Format;
import dev.distill.annotations.MissingValues;
import java.util.List;

/**
 * The data settings of a descriptor ({@code data.*}), as written (paths are not resolved; see
 * {@link DistillSpec#trainFile()}).
 *
 * @param train the labelled training file
 * @param dev the labelled development file, or empty to hold out {@code devFraction} of train
 * @param devFraction the share of train held out when {@code dev} is empty
 * @param transfer a file of unlabelled texts for the teacher to label, or empty
 * @param format the files' format; {@link Format#AUTO} decides per file with {@link Format#inferFrom(String)}
 * @param textColumn the text column (TSV/CSV header) or key (JSONL)
 * @param labelColumn the gold label column or key
 * @param labels the label order of the output classes, or empty for the labels of train in order of appearance
 * @param skipBadRows whether a bad row is skipped with a warning rather than failing the build
 * @param features the numeric feature columns of tabular data (an MLP student), or empty for all but the label
 * @param missing what tabular data do with a missing or non-numeric feature value
 * @param softTargets a folder of texts with teacher outputs computed outside the build, or empty
 */
public record DatasetSettings(String train, String dev, double devFraction, String transfer, Format format,
        String textColumn, String labelColumn, List<String> labels, boolean skipBadRows, List<String> features,
        MissingValues missing, String softTargets) {

    /** Text data: no feature columns, missing values an error. */
    public DatasetSettings(String train, String dev, double devFraction, String transfer, Format format,
            String textColumn, String labelColumn, List<String> labels, boolean skipBadRows) {
        this(train, dev, devFraction, transfer, format, textColumn, labelColumn, labels, skipBadRows, List.of(),
                MissingValues.ERROR, "");
    }

    /** Copies the labels and features. */
    public DatasetSettings {
        labels = List.copyOf(labels);
        features = List.copyOf(features);
    }
}
