package dev.distill.engine.teacher;

import dev.distill.engine.signal.Signal;
import dev.distill.runtime.FloatTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What the teachers over rows of floats share (the image and the tabular teacher): they give logits (and, an image
 * teacher, its feature maps) from {@link FloatRows} of their own {@link #inputKind() kind}, and are fingerprinted by
 * their files.
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

    /**
     * The teacher's logits and the asked-for signals of rows of its kind, each signal with the rows first.
     *
     * @throws IllegalArgumentException when it cannot give a signal asked for
     */
    public TeacherRows rows(float[][] rows, Set<Signal> signals) {
        checkSignals(signals);
        return TeacherRows.ofLogits(logits(rows));
    }

    @Override
    public final List<TeacherOutput> outputs(TeacherInputs examples, Set<Signal> signals) {
        if (examples.kind() != inputKind() || !(examples instanceof FloatRows rows)) {
            throw new IllegalArgumentException("the " + inputKind().name().toLowerCase(Locale.ROOT) + " teacher "
                    + modelFile + " reads " + inputKind().name() + " examples, not " + examples.kind().name()
                    + " ones");
        }
        TeacherRows given = rows(rows.values(), TeacherOutput.beyondLogits(signals));
        List<TeacherOutput> outputs = new ArrayList<>(given.logits().length);
        for (int i = 0; i < given.logits().length; i++) {
            Map<Signal, FloatTensor> row = new LinkedHashMap<>();
            int index = i;
            given.signals().forEach((signal, tensor) -> row.put(signal, tensor.row(index)));
            outputs.add(new TeacherOutput(given.logits()[i], row));
        }
        return outputs;
    }

    @Override
    public final String fingerprint() {
        return fingerprint;
    }
}
