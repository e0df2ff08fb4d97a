package dev.distill.engine.data;

import dev.distill.runtime.data.BadRows;
import dev.distill.runtime.data.DataFileException;
import dev.distill.runtime.data.TextRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The class labels, in class-index order, and the mapping of a file's label strings onto them.
 *
 * <p>For a classifier teacher the labels are the teacher's {@code id2label}; a label in the data
 * must be written exactly as the teacher names it. For a probe teacher (an encoder without a head)
 * they are an explicit list or, failing that, {@link #inOrderOfFirstAppearance the labels of the
 * training data in the order they first appear}: a stable order, so the same file gives the same
 * class indices on every run.
 */
public final class LabelSet {

    private final List<String> labels;
    private final Map<String, Integer> index = new HashMap<>();

    private LabelSet(List<String> labels) {
        this.labels = List.copyOf(labels);
        for (int i = 0; i < this.labels.size(); i++) {
            if (index.putIfAbsent(this.labels.get(i), i) != null) {
                throw new IllegalArgumentException("label '" + this.labels.get(i) + "' appears twice in " + labels);
            }
        }
        if (this.labels.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 labels, got " + labels);
        }
    }

    /** The given labels in the given order (a teacher's id2label, or an explicit list). */
    public static LabelSet of(List<String> labels) {
        return new LabelSet(labels);
    }

    /**
     * The distinct labels of the rows in the order they first appear.
     *
     * @throws DataFileException when the rows hold fewer than 2 distinct labels
     */
    public static LabelSet inOrderOfFirstAppearance(Path file, List<TextRow> rows) {
        Set<String> seen = new LinkedHashSet<>();
        for (TextRow row : rows) {
            if (row.label() != null) {
                seen.add(row.label());
            }
        }
        if (seen.size() < 2) {
            throw new DataFileException(file, 0, "the labels of a classifier need at least 2 distinct values, found "
                    + seen + "; check the label column");
        }
        return new LabelSet(new ArrayList<>(seen));
    }

    /** The labels; the position of a label is its class index. */
    public List<String> labels() {
        return labels;
    }

    /** Number of classes. */
    public int size() {
        return labels.size();
    }

    /** The class index of a label, or -1 when it is unknown. */
    public int indexOf(String label) {
        return index.getOrDefault(label, -1);
    }

    /**
     * Maps labelled rows onto class indices; a row whose label is unknown is rejected (naming the
     * file, line, value and the known labels). Rows without a label stay unlabeled.
     */
    public TextDataset index(Path file, List<TextRow> rows, BadRows badRows) {
        List<String> texts = new ArrayList<>(rows.size());
        int[] lines = new int[rows.size()];
        int[] classes = new int[rows.size()];
        int n = 0;
        for (TextRow row : rows) {
            int label = TokenizedExamples.UNLABELED;
            if (row.label() != null) {
                label = indexOf(row.label());
                if (label < 0) {
                    badRows.reject(file, row.line(), BadRows.Reason.UNKNOWN_LABEL, "unknown label "
                            + DataFileException.quote(row.label()) + "; the teacher knows " + labels.size()
                            + " label(s): " + labels + "; write the labels as the teacher names them");
                    continue;
                }
            }
            texts.add(row.text());
            lines[n] = row.line();
            classes[n] = label;
            n++;
        }
        if (n == 0) {
            throw new DataFileException(file, 0, "no usable rows (" + badRows + ")");
        }
        return new TextDataset(file, texts, Arrays.copyOf(lines, n), Arrays.copyOf(classes, n));
    }

    @Override
    public String toString() {
        return labels.toString();
    }
}
