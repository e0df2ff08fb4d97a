package dev.distill.engine.teacher;

import dev.distill.engine.signal.Signal;
import dev.distill.runtime.FloatTensor;
import java.util.Map;
import java.util.Objects;

/**
 * What a teacher over rows of floats gives for a batch of rows: the logits, and the other {@link Signal signals} a
 * loss term reads, each with the rows first.
 *
 * @param logits {@code [rows][classes]}
 * @param signals the other signals by signal, each {@code [rows, ...]} (empty when the loss reads the logits only)
 */
public record TeacherRows(float[][] logits, Map<Signal, FloatTensor> signals) {

    /** Copies the map; the logits may not be among the other signals. */
    public TeacherRows {
        Objects.requireNonNull(logits, "logits");
        signals = Map.copyOf(signals);
        if (signals.containsKey(Signal.LOGITS)) {
            throw new IllegalArgumentException("the logits are a component of their own, not one of the signals");
        }
    }

    /** The logits alone. */
    public static TeacherRows ofLogits(float[][] logits) {
        return new TeacherRows(logits, Map.of());
    }
}
