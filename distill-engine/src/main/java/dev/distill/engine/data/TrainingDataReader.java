package dev.distill.engine.data;

import dev.distill.engine.softtargets.SoftTargets;
import dev.distill.runtime.data.BadRows;
import dev.distill.runtime.data.DataFileException;
import dev.distill.runtime.data.TextFileReader;
import dev.distill.runtime.data.TextRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the train, dev and transfer files of a {@link DataSpec} (and its soft-target folder) and maps labels onto class
 * indices.
 *
 * <p>The label set is the teacher's when it has one (a classifier's {@code id2label}); for a probe
 * teacher it is the spec's explicit list or, when that is empty, the training labels in order of
 * first appearance (stable: the same file gives the same class indices).
 */
public final class TrainingDataReader {

    /** How a user skips bad rows instead of failing, for the message of a bad row. */
    static final String SKIP_ADVICE = "set data.skipBadRows = true (or -Ddistill.data.skipBadRows=true)";

    private TrainingDataReader() {
    }

    /**
     * Reads the data.
     *
     * @param teacherLabels the teacher's labels, or null when the teacher has no head yet (a probe)
     * @throws DataFileException on bad data that is not skipped
     */
    public static TrainingData read(DataSpec spec, List<String> teacherLabels) {
        Map<Path, BadRows> skipped = new LinkedHashMap<>();
        TextFileReader labelled = new TextFileReader(spec.textColumn(), spec.labelColumn());
        List<TextRow> trainRows = labelled.read(spec.train(), spec.format(), badRows(spec, spec.train(), skipped));
        LabelSet labels = teacherLabels != null ? LabelSet.of(teacherLabels)
                : !spec.labels().isEmpty() ? LabelSet.of(spec.labels())
                : LabelSet.inOrderOfFirstAppearance(spec.train(), trainRows);
        TextDataset train = labels.index(spec.train(), trainRows, skipped.get(spec.train()));
        TextDataset dev;
        boolean heldOut = spec.dev() == null;
        if (heldOut) {
            DevSplit split = DevSplit.of(train, spec.devFraction(), spec.seed());
            train = split.train();
            dev = split.dev();
        } else {
            BadRows devBad = badRows(spec, spec.dev(), skipped);
            dev = labels.index(spec.dev(), labelled.read(spec.dev(), spec.format(), devBad), devBad);
        }
        TextDataset transfer = null;
        if (spec.transfer() != null) {
            List<TextRow> rows = new TextFileReader(spec.textColumn(), null)
                    .read(spec.transfer(), spec.format(), badRows(spec, spec.transfer(), skipped));
            transfer = TextDataset.unlabeled(spec.transfer(), rows);
        }
        return new TrainingData(labels, train, dev, transfer, heldOut, skipped, softTargets(spec));
    }

    /** The soft-target folder's rows, read with the data so that a broken folder fails before a probe is fitted. */
    private static SoftTargets softTargets(DataSpec spec) {
        if (spec.softTargets() == null) {
            return null;
        }
        try {
            return SoftTargets.read(spec.softTargets());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + spec.softTargets() + ": " + e.getMessage(), e);
        }
    }

    private static BadRows badRows(DataSpec spec, Path file, Map<Path, BadRows> skipped) {
        return skipped.computeIfAbsent(file, f -> new BadRows(spec.skipBadRows(), SKIP_ADVICE));
    }
}
