package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import dev.distill.engine.student.Student;
import java.util.ArrayList;
import java.util.List;

/**
 * One optimizer step over all of a student's parameters: global-norm gradient clipping, the
 * optimizer's update, and zeroed gradients for the next step (PyTorch accumulates gradients and
 * DJL's optimizers leave them in place). A step whose gradients are not finite changes nothing but
 * the gradients, which it zeroes: like PyTorch's GradScaler, the trainer then decides whether to go on.
 */
final class ParameterUpdate {

    private final Optimizer optimizer;
    private final float clipNorm;

    /**
     * @param optimizer updates each parameter from its gradient
     * @param clipNorm maximum global L2 norm of all gradients together; 0 = no clipping
     */
    ParameterUpdate(Optimizer optimizer, float clipNorm) {
        this.optimizer = optimizer;
        this.clipNorm = clipNorm;
    }

    /**
     * Applies the gradients of the last backward pass.
     *
     * @param manager a manager for temporary arrays (closing a view of PyTorch's {@code .grad} frees
     *     only the view)
     * @return the global gradient norm before clipping; when it is not finite, the parameters and the
     *     optimizer's state are left as they were
     */
    float step(Student student, NDManager manager) {
        // Views of the gradients and everything computed from them live in this scope: arrays derived
        // from a parameter's gradient would otherwise stay attached to the parameters' manager.
        try (NDManager scope = manager.newSubManager()) {
            List<Pair<Parameter, NDArray>> gradients = new ArrayList<>();
            for (Pair<String, Parameter> pair : student.getParameters()) {
                Parameter parameter = pair.getValue();
                if (parameter.requiresGradient()) {
                    NDArray gradient = parameter.getArray().getGradient();
                    gradient.attach(scope);
                    gradients.add(new Pair<>(parameter, gradient));
                }
            }
            float norm = globalNorm(gradients);
            if (!Float.isFinite(norm)) {
                gradients.forEach(g -> JniUtils.zeroGrad((PtNDArray) g.getKey().getArray()));
                return norm;
            }
            if (clipNorm > 0f && norm > clipNorm) {
                float scale = clipNorm / norm;
                gradients.forEach(g -> g.getValue().muli(scale));
            }
            for (Pair<Parameter, NDArray> g : gradients) {
                NDArray weight = g.getKey().getArray();
                optimizer.update(g.getKey().getId(), weight, g.getValue());
                JniUtils.zeroGrad((PtNDArray) weight);
            }
            return norm;
        }
    }

    /** Zeroes the gradients without an update: a group of accumulated batches whose last one was not finite. */
    void discard(Student student) {
        for (Pair<String, Parameter> pair : student.getParameters()) {
            Parameter parameter = pair.getValue();
            if (parameter.requiresGradient()) {
                JniUtils.zeroGrad((PtNDArray) parameter.getArray());
            }
        }
    }

    private static float globalNorm(List<Pair<Parameter, NDArray>> gradients) {
        double sumOfSquares = 0;
        for (Pair<Parameter, NDArray> g : gradients) {
            NDArray gradient = g.getValue();
            double squares = gradient.square().sum().getFloat();
            if (squares == Double.POSITIVE_INFINITY) {
                // Finite elements above ~1.8e19 overflow a float32 sum of squares; a float64 one tells
                // a huge gradient (clipped below) from a non-finite one (skipped).
                squares = gradient.toType(DataType.FLOAT64, false).square().sum().getDouble();
            }
            sumOfSquares += squares;
        }
        return (float) Math.sqrt(sumOfSquares);
    }
}
