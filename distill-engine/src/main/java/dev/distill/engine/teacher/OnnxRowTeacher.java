package dev.distill.engine.teacher;

import dev.distill.engine.signal.Signal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What the teachers over rows of floats share (the image and the tabular teacher): they give logits only, from
 * {@link FloatRows} of their own {@link #inputKind() kind}, and are fingerprinted by their files.
 */
abstract class OnnxRowTeacher implements TeacherModel {

    private final Path modelFile;
    private final String fingerprint;

    OnnxRowTeacher(Path modelFile, String fingerprint) {
        this.modelFile = Objects.requireNonNull(modelFile, "modelFile");
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** @return the model file */
    public final Path modelFile() {
        return modelFile;
    }

    /**
     * The teacher's logits for rows of its kind, in batches.
     *
     * @return {@code [rows.length][labels().size()]}
     */
    public abstract float[][] logits(float[][] rows);

    @Override
    public final List<TeacherOutput> outputs(TeacherInputs examples, Set<Signal> signals) {
        if (examples.kind() != inputKind() || !(examples instanceof FloatRows rows)) {
            throw new IllegalArgumentException("the " + inputKind().name().toLowerCase(Locale.ROOT) + " teacher "
                    + modelFile + " reads " + inputKind().name() + " examples, not " + examples.kind().name()
                    + " ones");
        }
        checkSignals(signals);
        return TeacherOutput.ofLogits(logits(rows.values()));
    }

    @Override
    public final String fingerprint() {
        return fingerprint;
    }
}
