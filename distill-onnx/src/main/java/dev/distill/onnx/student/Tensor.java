package dev.distill.onnx.student;

import dev.distill.onnx.OnnxTensors;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named weight tensor of a student, row-major, in PyTorch's layout.
 *
 * @param name  the weight's name, e.g. {@code "lstm.fwd.w_ih"}
 * @param shape its dimensions
 * @param data  its values, exactly the product of {@code shape} of them
 */
public record Tensor(String name, long[] shape, float[] data) {

    /** @throws IllegalArgumentException naming the tensor if the data does not fill the shape */
    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, () -> "shape of tensor '" + name + "'");
        Objects.requireNonNull(data, () -> "data of tensor '" + name + "'");
        long expected = OnnxTensors.elementCount(shape);
        if (expected != data.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " needs " + expected + " values but " + data.length + " were given");
        }
        shape = shape.clone();
    }

    /** A tensor of the given values and shape. */
    public static Tensor of(String name, float[] data, long... shape) {
        return new Tensor(name, shape, data);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Dimension {@code index} of the shape. */
    public long dim(int index) {
        return shape[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor tensor && name.equals(tensor.name)
                && Arrays.equals(shape, tensor.shape) && Arrays.equals(data, tensor.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + Arrays.toString(shape) + "]";
    }
}
