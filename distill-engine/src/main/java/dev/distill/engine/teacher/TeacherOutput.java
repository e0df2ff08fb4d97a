package dev.distill.engine.teacher;

import dev.distill.engine.signal.Signal;
import dev.distill.runtime.FloatTensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a teacher gives for one text: its logits and the other signals it was asked for, each a
 * tensor of the signal's shape for this text (no batch dimension).
 *
 * @param logits the logits, one per label
 * @param signals the asked-for signals other than the logits, by signal
 */
public record TeacherOutput(float[] logits, Map<Signal, FloatTensor> signals) {

    /** Copies the map; the logits may not be among the other signals. */
    public TeacherOutput {
        Objects.requireNonNull(logits, "logits");
        signals = Map.copyOf(signals);
        if (signals.containsKey(Signal.LOGITS)) {
            throw new IllegalArgumentException("the logits are a component of their own, not one of the signals");
        }
    }

    /** An output with the logits only. */
    public static TeacherOutput ofLogits(float[] logits) {
        return new TeacherOutput(logits, Map.of());
    }

    /** Outputs with the logits only, one per row of {@code logits}, in order. */
    public static List<TeacherOutput> ofLogits(float[][] logits) {
        List<TeacherOutput> outputs = new ArrayList<>(logits.length);
        for (float[] row : logits) {
            outputs.add(ofLogits(row));
        }
        return outputs;
    }

    /**
     * The value of {@code signal} for this text.
     *
     * @throws IllegalArgumentException naming the signal and those present when it was not given
     */
    public FloatTensor signal(Signal signal) {
        FloatTensor value = signals.get(signal);
        if (value == null) {
            throw new IllegalArgumentException("the teacher output has no signal '" + signal + "'; it has "
                    + signals.keySet() + " besides the logits");
        }
        return value;
    }

    /** {@code signals} without the logits, which every teacher output carries anyway. */
    public static Set<Signal> beyondLogits(Set<Signal> signals) {
        Set<Signal> beyond = new LinkedHashSet<>(signals);
        beyond.remove(Signal.LOGITS);
        return Collections.unmodifiableSet(beyond);
    }
}
