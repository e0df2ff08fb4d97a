package dev.distill.engine.report;

import java.util.Objects;

/**
 * How one model (the teacher, the fp32 student or the int8 student) did on the dev set, and what it
 * costs to run, all measured in the build.
 *
 * @param role                 what the model is: the teacher, the fp32 or the int8 student
 * @param accuracy             dev accuracy in [0, 1]
 * @param macroF1              dev macro-F1 in [0, 1]
 * @param agreementWithTeacher share of dev texts on which the argmax equals the teacher's, in [0, 1]
 * @param parameters           number of weights
 * @param fileBytes            size of {@code model.onnx} in bytes
 * @param latencyP50Ms         median single-text latency in milliseconds (NaN when not measured)
 * @param throughput           texts per second at the benchmark batch size (NaN when not measured)
 * @param confusion            confusion matrix, {@code confusion[gold][predicted]}
 */
public record ModelEvaluation(
        ModelRole role,
        double accuracy,
        double macroF1,
        double agreementWithTeacher,
        long parameters,
        long fileBytes,
        double latencyP50Ms,
        double throughput,
        int[][] confusion) {

    public ModelEvaluation {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(confusion, "confusion");
    }
}
