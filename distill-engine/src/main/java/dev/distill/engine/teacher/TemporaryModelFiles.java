package dev.distill.engine.teacher;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.distill.onnx.OnnxModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The temporary copies of a teacher's graph that its extra outputs are read from (an inner tensor made an output):
 * ONNX Runtime opens a model from a file, and the copy lives as long as the teacher that opened it.
 */
final class TemporaryModelFiles {

    private TemporaryModelFiles() {
    }

    /** Writes {@code model} to a new temporary file whose name starts with {@code prefix}. */
    static Path write(ModelProto model, String prefix) throws IOException {
        Path file = Files.createTempFile(prefix, ".onnx");
        try {
            OnnxModels.write(model, file);
            return file;
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /** Deletes a copy, if there is one; a leftover temporary file is harmless beside the failure that led here. */
    static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Nothing to do: the temporary folder is cleaned by the system.
        }
    }
}
