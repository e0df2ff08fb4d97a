package dev.distill.engine.student;

import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentWeights;
import dev.distill.onnx.student.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * First values for some of a student's weight tensors instead of random ones: for example a transformer's
 * embeddings and layers copied from the teacher's. Each tensor is named and shaped as the student's graph lists it
 * ({@link StudentGraphWriter#tensorShapes()}: PyTorch's layout, e.g. {@code layer0.query.w} {@code [out, in]}); the
 * tensors not given keep their initialization.
 *
 * @param weights the tensors to load, any of the student's
 * @param source  what they are, for the log and the report (e.g. the teacher's model and the layers taken)
 */
public record InitialWeights(StudentWeights weights, String source) {

    /** Requires both. */
    public InitialWeights {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(source, "source");
    }

    /** Whether these weights give tensor {@code name} its first values. */
    public boolean sets(String name) {
        return weights.tensors().containsKey(name);
    }

    /**
     * Checks that every tensor is one of {@code graph}'s, with its shape.
     *
     * @throws IllegalArgumentException naming each tensor the student does not have (with those it has) or whose
     *                                  shape differs (with both shapes)
     */
    void check(StudentGraphWriter graph) {
        Map<String, long[]> expected = graph.tensorShapes();
        List<String> problems = new ArrayList<>();
        for (Tensor tensor : weights.tensors().values()) {
            long[] shape = expected.get(tensor.name());
            if (shape == null) {
                problems.add("the student has no tensor '" + tensor.name() + "'");
            } else if (!Arrays.equals(shape, tensor.shape())) {
                problems.add("tensor '" + tensor.name() + "' has shape " + Arrays.toString(tensor.shape())
                        + ", the student's is " + Arrays.toString(shape));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the initial weights (" + source + ") do not fit the " + graph
                    + " student: " + String.join("; ", problems) + ". Its tensors: " + expected.keySet());
        }
    }
}
