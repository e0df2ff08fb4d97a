package dev.distill.engine.init;

import dev.distill.onnx.OnnxModels;
import dev.distill.onnx.WordEmbeddingTable;
import java.nio.file.Path;

/**
 * The teacher's word-embedding table, looked up on first use and kept: the student's first embeddings and the
 * replacement words of augmentation both read it, and the teacher's model (90 MB for a MiniLM classifier) is read
 * and searched once per build instead of once for each.
 */
public final class TeacherEmbeddingTable {

    private final Path model;
    private WordEmbeddingTable.Lookup lookup;

    private TeacherEmbeddingTable(Path model) {
        this.model = model;
    }

    /**
     * @param model the teacher's ONNX model (for a probe teacher, its encoder)
     * @return the table of that model, not read yet
     */
    public static TeacherEmbeddingTable of(Path model) {
        return new TeacherEmbeddingTable(model);
    }

    /** @return the teacher's model file, for messages */
    public Path model() {
        return model;
    }

    /** @return the table, or why there is none; the model is read on the first call only */
    public synchronized WordEmbeddingTable.Lookup lookup() {
        if (lookup == null) {
            lookup = WordEmbeddingTable.find(OnnxModels.read(model));
        }
        return lookup;
    }
}
