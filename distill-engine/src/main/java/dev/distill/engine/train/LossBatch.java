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
 */
public record LossBatch(StudentOutputs student, NDArray labels, Map<Signal, NDArray> teacher, float temperature) {

    /** Copies the map. */
    public LossBatch {
        Objects.requireNonNull(student, "student");
        Objects.requireNonNull(labels, "labels");
        teacher = Map.copyOf(teacher);
    }

    /** The teacher's value of {@code signal} for the batch, or null when the batch carries none. */
    public NDArray teacher(Signal signal) {
        return teacher.get(signal);
    }
}
