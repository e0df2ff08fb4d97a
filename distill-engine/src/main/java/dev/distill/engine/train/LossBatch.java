package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.student.StudentOutputs;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link LossTerm} reads for one batch of {@code B} rows.
 *
 * @param student the student's forward outputs
 * @param labels gold class per row {@code [B]} (any integer type), -1 where unlabeled
 * @param teacher the teacher's signals for the batch, the batch first in each ({@link Signal#LOGITS}
 *     {@code [B, C]} among them unless no term reads the teacher)
 * @param temperature the distillation temperature of this step
 * @param mask {@code [B, L]} float, 1 for the real tokens of the student's (and the teacher's) token rows, 0 for
 *     padding; null when no term reads per-token signals
 */
public record LossBatch(StudentOutputs student, NDArray labels, Map<Signal, NDArray> teacher, float temperature,
        NDArray mask) {

    /** Copies the map. */
    public LossBatch {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(labels, "labels");
        teacher = Map.copyOf(teacher);
    }

    /** A batch without a token mask, for terms that read one value per text. */
    public LossBatch(StudentOutputs student, NDArray labels, Map<Signal, NDArray> teacher, float temperature) {
        this(student, labels, teacher, temperature, null);
    }

    /**
     * The token mask.
     *
     * @param term the term that reads it, for the message
     * @throws IllegalArgumentException when the batch carries none
     */
    public NDArray mask(String term) {
        if (mask == null) {
            throw new IllegalArgumentException("the loss term '" + term + "' compares tokens and needs the batch's"
                    + " token mask, which this batch does not carry");
        }
        return mask;
    }

    /** The teacher's value of {@code signal} for the batch, or null when the batch carries none. */
    public NDArray teacher(Signal signal) {
        return teacher.get(signal);
    }
}
