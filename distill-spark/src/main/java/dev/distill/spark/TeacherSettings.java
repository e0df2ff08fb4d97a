package dev.distill.spark;

import dev.distill.annotations.Head;
import dev.distill.engine.teacher.SoftmaxRegression;
import dev.distill.engine.teacher.TeacherSpec;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * The teacher as the driver hands it to the executors (paths as strings: a {@link Path} is not serializable). Each
 * executor opens it as the engine opens a classifier teacher ({@code TeacherSetup.openClassifier}).
 *
 * @param model a classifier folder (model.onnx, tokenizer.json, config.json with id2label) or its model file, at a
 *     path every executor can read
 * @param tokenizer the tokenizer.json, or null for the one beside the model
 * @param maxLength tokens per text, or 0 for config.json's max_length
 * @param threads ONNX Runtime intra-op threads per task, or 0 for the cores a task holds ({@code spark.task.cpus})
 * @param batchSize texts per teacher call
 * @param pooled whether the teacher's sentence vector is written too
 */
public record TeacherSettings(String model, String tokenizer, int maxLength, int threads, int batchSize,
        boolean pooled) implements Serializable {

    /** Checks the numbers (the engine's {@link TeacherSpec} checks the rest when it is opened). */
    public TeacherSettings {
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be 0 (the cores a task holds) or more, got " + threads);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        }
    }

    /**
     * The engine's spec of this teacher.
     *
     * @param taskCores the cores a task holds, the threads when none are given
     */
    public TeacherSpec spec(int taskCores) {
        Path modelPath = Path.of(model);
        // A classifier is never fitted: the probe folder and its regression settings are not read.
        return new TeacherSpec(modelPath, tokenizer == null ? null : Path.of(tokenizer), Head.AUTO, maxLength,
                threads > 0 ? threads : Math.max(1, taskCores), batchSize, modelPath.resolveSibling("unused-probe"),
                SoftmaxRegression.Options.defaults(0));
    }
}
