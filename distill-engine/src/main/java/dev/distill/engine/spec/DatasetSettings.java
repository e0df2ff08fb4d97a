package dev.distill.engine.spec;

import dev.distill.annotations.Format;
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
 */
public record DatasetSettings(String train, String dev, double devFraction, String transfer, Format format,
        String textColumn, String labelColumn, List<String> labels, boolean skipBadRows) {

    /** Copies the labels. */
    public DatasetSettings {
        labels = List.copyOf(labels);
    }
}
