package dev.distill.annotations.settings;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;

/**
 * Checks the settings that mean something else, or nothing, for an {@link Architecture#IMAGE_CNN} student, which
 * reads images (class folders or a CSV of paths), has no tokens and no embedding table.
 */
final class ImageChecks {

    private ImageChecks() {
    }

    static void check(Settings data, Settings student, Diagnostics diagnostics) {
        if (data.strings("features").length > 0) {
            diagnostics.error("data.features", diagnostics.describe("data.features") + " names numeric columns,"
                    + " but an IMAGE_CNN student reads images: leave data.features empty (it is read by MLP)");
        }
        if (Embeddings.TEACHER.name().equals(student.constant("embeddings"))) {
            diagnostics.error("student.embeddings", diagnostics.describe("student.embeddings", "TEACHER")
                    + " asks for the teacher's word embeddings, but an IMAGE_CNN student has no embedding table:"
                    + " use AUTO or RANDOM");
        }
        if (!student.string("tokenizer").isEmpty()) {
            diagnostics.error("student.tokenizer", diagnostics.describe("student.tokenizer") + " names a tokenizer,"
                    + " but an IMAGE_CNN student reads images, not text: leave student.tokenizer empty");
        }
        int width = student.integer("hiddenSize");
        if (width % 4 != 0) {
            diagnostics.error("student.hiddenSize", diagnostics.describe("student.hiddenSize", Integer.toString(width))
                    + " is not a multiple of 4: an IMAGE_CNN's stages are hiddenSize / 4, / 2 and / 1 channels wide"
                    + " (e.g. 64 for 16, 32 and 64)");
        }
        for (String setting : new String[] {"embeddingSize", "maxLength", "dropout"}) {
            if (student.isWritten(setting)) {
                String path = "student." + setting;
                diagnostics.warning(path, diagnostics.describe(path) + " has no effect on an IMAGE_CNN student,"
                        + " which reads images (no tokens) and regularises with BatchNorm and augmentation");
            }
        }
        for (String setting : new String[] {"textColumn", "missing", "skipBadRows", "transfer", "softTargets"}) {
            if (data.isWritten(setting)) {
                String path = "data." + setting;
                diagnostics.warning(path, diagnostics.describe(path) + " has no effect on an IMAGE_CNN student,"
                        + " which reads images and their labels only");
            }
        }
    }
}
