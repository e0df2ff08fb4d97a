package dev.distill.engine.spec;

import dev.distill.annotations.Head;

/**
 * The settings of one teacher of a descriptor ({@code teacher.*}, or {@code teacher[i].*} among several), as written (paths are not resolved; see
 * {@link DistillSpec#teacherFiles()}).
 *
 * @param model the model path (a {@code .onnx} file or a folder holding {@code model.onnx}), relative to the project
 *     base directory or absolute; with an artifact, the {@code .onnx} entry in that jar
 * @param tokenizer the tokenizer path, or empty for {@code tokenizer.json} beside the model
 * @param artifact {@code groupId:artifactId[:jar:classifier]:version} of a jar holding the teacher, or empty
 * @param head how the model's outputs become logits
 * @param maxLength the teacher's input length in tokens; 0 takes {@code max_length} from its config.json, else 128
 * @param weight the teacher's share of an ensemble's mix with FIXED weights, relative to the other teachers'
 */
public record TeacherSettings(String model, String tokenizer, String artifact, Head head, int maxLength,
        double weight) {

    /** Whether the teacher comes from a jar ({@link #artifact()} is set), so its paths are jar entry names. */
    public boolean fromArtifact() {
        return !artifact.isEmpty();
    }
}
