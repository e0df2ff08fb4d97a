package dev.distill.engine.teacher;

import dev.distill.annotations.Head;
import dev.distill.runtime.ModelFolder;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the teacher is and how to make it.
 *
 * @param model a classifier folder (model.onnx, tokenizer.json, config.json) or an ONNX model file
 * @param tokenizer the tokenizer.json, or null for {@code tokenizer.json} beside the model (in the folder)
 * @param head how the model's outputs become logits; AUTO decides from its outputs
 * @param maxLength tokens per text for the teacher, or 0 for config.json's {@code max_length}, else 128
 * @param intraOpThreads ONNX Runtime intra-op threads
 * @param batchSize texts per teacher call
 * @param probeFolder where a linear-probe teacher's classifier folder is written (and reused)
 * @param probeRegression how a linear probe is fitted
 */
public record TeacherSpec(Path model, Path tokenizer, Head head, int maxLength, int intraOpThreads, int batchSize,
        Path probeFolder, SoftmaxRegression.Options probeRegression) {

    /** Checks the settings. */
    public TeacherSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(probeFolder, "probeFolder");
        Objects.requireNonNull(probeRegression, "probeRegression");
        if (maxLength < 0 || maxLength == 1 || maxLength > 8192) {
            throw new IllegalArgumentException("teacher maxLength must be 0 (the model's own) or in [2, 8192], got "
                    + maxLength);
        }
        if (intraOpThreads < 1 || batchSize < 1) {
            throw new IllegalArgumentException("teacher threads and batch size must be at least 1, got "
                    + intraOpThreads + " and " + batchSize);
        }
    }

    /** The ONNX model file: {@code model.onnx} in a folder, else the given file. */
    public Path modelFile() {
        return ModelFolder.modelFileOf(model);
    }

    /** The tokenizer file: the given one, else {@code tokenizer.json} beside the model file. */
    public Path tokenizerFile() {
        return tokenizer != null ? tokenizer : ModelFolder.tokenizerBeside(modelFile().toAbsolutePath());
    }

    /** The {@code config.json} beside the model file (it may not exist). */
    public Path configFile() {
        return ModelFolder.configBeside(modelFile().toAbsolutePath());
    }
}
