package dev.distill.engine.data;

import dev.distill.engine.softtargets.SoftTargets;
import dev.distill.runtime.data.BadRows;
import java.nio.file.Path;
import java.util.Map;

/**
 * The data of one distillation, read and mapped onto class indices.
 *
 * @param labels the label set (class index = position)
 * @param train the labelled training texts
 * @param dev the labelled dev texts (from the dev file, or held out of train)
 * @param transfer the unlabelled transfer texts, or null when there is no transfer file
 * @param devHeldOut whether dev was held out of train
 * @param skipped the bad rows skipped per file (all zero unless skipBadRows)
 * @param softTargets the texts with teacher outputs computed outside the build, or null when there are none
 */
public record TrainingData(LabelSet labels, TextDataset train, TextDataset dev, TextDataset transfer,
        boolean devHeldOut, Map<Path, BadRows> skipped, SoftTargets softTargets) {

    /** No soft targets. */
    public TrainingData(LabelSet labels, TextDataset train, TextDataset dev, TextDataset transfer,
            boolean devHeldOut, Map<Path, BadRows> skipped) {
        this(labels, train, dev, transfer, devHeldOut, skipped, null);
    }

    /** Total rows skipped over all files. */
    public int skippedRows() {
        return skipped.values().stream().mapToInt(BadRows::total).sum();
    }
}
