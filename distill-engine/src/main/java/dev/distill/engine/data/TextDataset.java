package dev.distill.engine.data;

import dev.distill.runtime.data.DataFileException;
import dev.distill.runtime.data.TextRow;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Texts with their label indices and the lines they came from, ready for a teacher.
 *
 * @param source the file the rows came from (names it in errors)
 * @param texts the texts
 * @param lines the 1-based line of each text in {@code source}
 * @param labels the label index of each text, {@link TokenizedExamples#UNLABELED} where there is none
 */
public record TextDataset(Path source, List<String> texts, int[] lines, int[] labels) {

    /** Checks that every column has one entry per text. */
    public TextDataset {
        Objects.requireNonNull(source, "source");
        texts = List.copyOf(texts);
        if (lines.length != texts.size() || labels.length != texts.size()) {
            throw new IllegalArgumentException("texts, lines and labels differ in length: "
                    + texts.size() + ", " + lines.length + ", " + labels.length);
        }
    }

    /** Rows without gold labels (a transfer set). */
    public static TextDataset unlabeled(Path source, List<TextRow> rows) {
        int[] labels = new int[rows.size()];
        Arrays.fill(labels, TokenizedExamples.UNLABELED);
        return new TextDataset(source, rows.stream().map(TextRow::text).toList(),
                rows.stream().mapToInt(TextRow::line).toArray(), labels);
    }

    /** Number of texts. */
    public int size() {
        return texts.size();
    }

    /** The rows at the given indices, in that order. */
    public TextDataset select(int[] indices) {
        String[] selectedTexts = new String[indices.length];
        int[] selectedLines = new int[indices.length];
        int[] selectedLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            selectedTexts[i] = texts.get(indices[i]);
            selectedLines[i] = lines[indices[i]];
            selectedLabels[i] = labels[indices[i]];
        }
        return new TextDataset(source, List.of(selectedTexts), selectedLines, selectedLabels);
    }

    /** "file:line" for the text at an index, for error messages. */
    public String location(int index) {
        return DataFileException.location(source, lines[index]);
    }
}
