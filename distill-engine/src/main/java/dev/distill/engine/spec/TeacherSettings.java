package dev.distill.engine.spec;

import dev.distill.annotations.Head;

/**
 * The teacher settings of a descriptor ({@code teacher.*}), as written (paths are not resolved; see
 * {@link DistillSpec#teacherFiles()}).
 *
 * @param model the model path (a {@code .onnx} file or a folder holding {@code model.onnx}), relative to the project
 *     base directory or absolute; with an artifact, the {@code .onnx} entry in that jar
 * @param tokenizer the tokenizer path, or empty for {@code tokenizer.json} beside the model
 * @param artifact {@code groupId:artifactId[:jar:classifier]:version} of a jar holding the teacher, or empty
 * @param head how the model's outputs become logits
 * @param maxLength the teacher's input length in tokens; 0 takes {@code max_length} from its config.json, else 128
 */
public record TeacherSettings(String model, String tokenizer, String artifact, Head head, int maxLength) {

    /** Whether the teacher comes from a jar ({@link #artifact()} is set), so its paths are jar entry names. */
    public boolean fromArtifact() {
        return !artifact.isEmpty();
    }
}
