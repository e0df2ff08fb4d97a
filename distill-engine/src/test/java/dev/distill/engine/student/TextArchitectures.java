package dev.distill.engine.student;

import dev.distill.annotations.Architecture;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The architectures that read token ids, for the parametrized tests over {@code Architecture.values()} whose
 * batches are token ids and whose networks start from an embedding table and that need nothing of an architecture
 * but its registration (the registry, the initial weights, the export checks on token batches); what needs an
 * architecture's own forward pass is its {@link StudentArchitectureContract}. {@code MLP} reads numeric features: its counterparts (DJL against ONNX, int8,
 * the export checks) are {@code student.mlp.MlpStudentTest}, distill-onnx's {@code MlpGraphTest} and
 * {@code TabularDistillerTest}.
 */
public final class TextArchitectures {

    private TextArchitectures() {
    }

    /** The constants whose {@link Architecture#readsText()}. */
    public static Stream<Architecture> all() {
        return Arrays.stream(Architecture.values()).filter(Architecture::readsText);
    }
}
