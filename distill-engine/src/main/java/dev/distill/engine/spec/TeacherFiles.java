package dev.distill.engine.spec;

import java.nio.file.Path;

/**
 * Where a teacher from the project's files is, with the paths resolved against the project base directory.
 *
 * @param model the model as named: a {@code .onnx} file, or a folder in the HuggingFace layout
 * @param modelFile the ONNX file: {@code model.onnx} in the folder, else the model itself
 * @param tokenizerFile {@code teacher.tokenizer} when it is set, else {@code tokenizer.json} in the model's folder
 * @param configFile {@code config.json} in the model's folder (labels, {@code max_length}); it may not exist
 */
public record TeacherFiles(Path model, Path modelFile, Path tokenizerFile, Path configFile) {
}
