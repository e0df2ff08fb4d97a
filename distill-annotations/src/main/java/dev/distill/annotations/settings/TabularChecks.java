package dev.distill.annotations.settings;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.annotations.Format;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the settings of tabular data ({@code data.features}, {@code data.missing}) against the student: they are
 * read by an {@link Architecture#MLP} student only, which reads numeric columns of a TSV or CSV file and no text.
 */
final class TabularChecks {

    private TabularChecks() {
    }

    static void check(Settings data, Settings student, Settings augmentation, Diagnostics diagnostics) {
        Architecture architecture = Architecture.valueOf(student.constant("architecture"));
        String[] features = data.strings("features");
        if (architecture.readsText()) {
            for (String setting : new String[] {"features", "missing"}) {
                if (data.isWritten(setting)) {
                    String path = "data." + setting;
                    diagnostics.warning(path, diagnostics.describe(path) + " has no effect on a " + architecture
                            + " student, which reads data.textColumn; tabular data are read by architecture = MLP");
                }
            }
            return;
        }
        checkStudent(architecture, student, diagnostics);
        // MUNGE reads copies and replaceProbability; the word-level settings have nothing to act on in a row.
        for (String setting : new String[] {"maskProbability", "ngramProbability", "ngramMaxLength"}) {
            if (augmentation.isWritten(setting)) {
                String path = "augmentation." + setting;
                diagnostics.warning(path, diagnostics.describe(path) + " has no effect on an " + architecture
                        + " student: its copies (MUNGE) read augmentation.copies and augmentation.replaceProbability");
            }
        }
        if (data.isWritten("textColumn")) {
            diagnostics.warning("data.textColumn", diagnostics.describe("data.textColumn") + " has no effect on an "
                    + architecture + " student, which reads the numeric data.features (all columns but"
                    + " data.labelColumn when empty)");
        }
        for (String setting : new String[] {"transfer", "softTargets", "skipBadRows"}) {
            if (data.isWritten(setting)) {
                String path = "data." + setting;
                diagnostics.warning(path, diagnostics.describe(path) + " has no effect on an " + architecture
                        + " student yet: tabular data are read whole (a bad value fails or is filled by data.missing)"
                        + " and the teacher labels the training rows only");
            }
        }
        Format format = Format.valueOf(data.constant("format"));
        for (String file : new String[] {"train", "dev", "transfer"}) {
            String path = data.string(file);
            Optional<Format> read = format == Format.AUTO ? Format.inferFrom(path) : Optional.of(format);
            if (!path.isEmpty() && read.isPresent() && read.get() == Format.JSONL) {
                diagnostics.error("data." + file, diagnostics.describe("data." + file, "\"" + path + "\"")
                        + " is JSONL, but an " + architecture + " student reads numeric columns of a TSV or CSV"
                        + " file with a header: convert it to .csv or .tsv");
            }
        }
        Set<String> seen = new HashSet<>();
        String label = data.string("labelColumn");
        for (int i = 0; i < features.length; i++) {
            String element = "data.features[" + i + "]";
            if (features[i].isEmpty()) {
                diagnostics.errorAt("data.features", i, diagnostics.describe(element)
                        + " is empty: name a numeric column of the header");
            } else if (features[i].equals(label)) {
                diagnostics.errorAt("data.features", i, diagnostics.describe(element, "\"" + features[i] + "\"")
                        + " is the label column (data.labelColumn): a feature must be another column");
            } else if (!seen.add(features[i])) {
                diagnostics.errorAt("data.features", i, diagnostics.describe(element, "\"" + features[i] + "\"")
                        + " appears twice: list each feature column once, in the order the model reads them");
            }
        }
    }

    /** The text students' token settings have no meaning for an MLP; asking for the teacher's embeddings fails. */
    private static void checkStudent(Architecture architecture, Settings student, Diagnostics diagnostics) {
        if (Embeddings.TEACHER.name().equals(student.constant("embeddings"))) {
            diagnostics.error("student.embeddings", diagnostics.describe("student.embeddings", "TEACHER")
                    + " asks for the teacher's word embeddings, but an " + architecture + " student reads numbers and"
                    + " has no embedding table (and a tree-ensemble teacher has no weights): use AUTO or RANDOM");
        }
        if (!student.string("tokenizer").isEmpty()) {
            diagnostics.error("student.tokenizer", diagnostics.describe("student.tokenizer", "\""
                    + student.string("tokenizer") + "\"") + " names a tokenizer, but an " + architecture
                    + " student reads numeric features, not text: leave student.tokenizer empty");
        }
        for (String setting : new String[] {"embeddingSize", "maxLength"}) {
            if (student.isWritten(setting)) {
                String path = "student." + setting;
                diagnostics.warning(path, diagnostics.describe(path) + " has no effect on an " + architecture
                        + " student, which reads numeric features, not tokens");
            }
        }
    }
}
