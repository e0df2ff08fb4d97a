package dev.distill.onnx.student;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A student's weights: an ordered map from name to {@link Tensor}, as exchanged between trainer and exporter. */
public final class StudentWeights {

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    /** Weights holding {@code tensors}, in their order. */
    public static StudentWeights of(Collection<Tensor> tensors) {
        StudentWeights weights = new StudentWeights();
        tensors.forEach(weights::put);
        return weights;
    }

    /** Adds a tensor, replacing one of the same name. */
    public StudentWeights put(Tensor tensor) {
        tensors.put(tensor.name(), tensor);
        return this;
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws IllegalArgumentException naming the missing tensor and listing those present
     */
    public Tensor get(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("the student weights have no tensor '" + name + "'; present: "
                    + tensors.keySet());
        }
        return tensor;
    }

    /** All tensors in insertion order (unmodifiable). */
    public Map<String, Tensor> tensors() {
        return Collections.unmodifiableMap(tensors);
    }

    /** The number of weights (scalars) over all tensors. */
    public long parameterCount() {
        return tensors.values().stream().mapToLong(t -> t.data().length).sum();
    }

    /**
     * Checks that these weights are exactly the tensors {@code student} needs, each with its expected shape.
     *
     * @throws IllegalArgumentException listing every missing, unexpected or wrongly shaped tensor, each
     *                                  with its expected and actual shape
     */
    public void validate(StudentGraphWriter student) {
        Map<String, long[]> expected = student.tensorShapes();
        List<String> problems = new ArrayList<>();
        expected.forEach((name, dims) -> {
            Tensor tensor = tensors.get(name);
            if (tensor == null) {
                problems.add("missing tensor '" + name + "' of shape " + Arrays.toString(dims));
            } else if (!Arrays.equals(dims, tensor.shape())) {
                problems.add("tensor '" + name + "' has shape " + Arrays.toString(tensor.shape())
                        + ", expected " + Arrays.toString(dims));
            }
        });
        tensors.keySet().stream().filter(name -> !expected.containsKey(name))
                .forEach(name -> problems.add("unexpected tensor '" + name + "'"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("student weights do not match " + student + ": "
                    + String.join("; ", problems));
        }
    }
}
