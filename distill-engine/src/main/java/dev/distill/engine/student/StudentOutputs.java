package dev.distill.engine.student;

import ai.djl.ndarray.NDArray;
import dev.distill.engine.signal.Signal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a student's forward pass gives for a batch: its logits and the other {@link Signal signals}
 * a loss term may compare with the teacher's, each with the batch as its first dimension.
 *
 * @param logits {@code [B, C]}
 * @param signals the other signals, by signal (the logits are not among them)
 */
public record StudentOutputs(NDArray logits, Map<Signal, NDArray> signals) {

    /** Copies the map; the logits may not be among the other signals. */
    public StudentOutputs {
        Objects.requireNonNull(logits, "logits");
        signals = Map.copyOf(signals);
        if (signals.containsKey(Signal.LOGITS)) {
            throw new IllegalArgumentException("the logits are a component of their own, not one of the signals");
        }
    }

    /** The logits and the sentence vector the classification head read, {@code [B, hidden]}. */
    public static StudentOutputs of(NDArray logits, NDArray sentence) {
        return new StudentOutputs(logits, Map.of(Signal.POOLED, sentence));
    }

    /** These outputs with {@code signal} set to {@code value} (replaced when present). */
    public StudentOutputs with(Signal signal, NDArray value) {
        Map<Signal, NDArray> changed = new HashMap<>(signals);
        changed.put(signal, value);
        return new StudentOutputs(logits, changed);
    }

    /** Outputs with the logits only. */
    public static StudentOutputs ofLogits(NDArray logits) {
        return new StudentOutputs(logits, Map.of());
    }

    /**
     * The value of {@code signal} for the batch (the logits for {@link Signal#LOGITS}).
     *
     * @throws IllegalArgumentException naming the signal and those present when the student gives no such signal
     */
    public NDArray signal(Signal signal) {
        if (signal.equals(Signal.LOGITS)) {
            return logits;
        }
        NDArray value = signals.get(signal);
        if (value == null) {
            throw new IllegalArgumentException("the student gives no signal '" + signal + "'; it gives the logits and "
                    + signals.keySet());
        }
        return value;
    }
}
