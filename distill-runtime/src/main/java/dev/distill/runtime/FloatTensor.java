package dev.distill.runtime;

import java.util.Arrays;
import java.util.Objects;

/**
 * A float tensor of any rank, as a model output gives it: its shape and its values in row-major
 * order. The first dimension of a model output is the batch. The arrays are shared, not copied:
 * treat them as read-only.
 *
 * @param shape the size of each dimension
 * @param values the {@code product(shape)} values, last dimension fastest
 */
public record FloatTensor(long[] shape, float[] values) {

  /** Checks that the values fill the shape. */
  public FloatTensor {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(values, "values");
    long size = 1;
    for (long dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException("tensor shape " + Arrays.toString(shape) + " has a negative size");
      }
      size *= dim;
    }
    if (size != values.length) {
      throw new IllegalArgumentException("tensor shape " + Arrays.toString(shape) + " holds " + size
          + " values but " + values.length + " were given");
    }
  }

  /** @return the number of dimensions */
  public int rank() {
    return shape.length;
  }

  /**
   * The tensor at index {@code i} of the first dimension (one text of a batch), a copy of rank
   * {@code rank() - 1}.
   */
  public FloatTensor row(int i) {
    if (shape.length == 0 || i < 0 || i >= shape[0]) {
      throw new IndexOutOfBoundsException("row " + i + " of a tensor of shape " + Arrays.toString(shape));
    }
    int width = shape[0] == 0 ? 0 : values.length / (int) shape[0];
    return new FloatTensor(Arrays.copyOfRange(shape, 1, shape.length),
        Arrays.copyOfRange(values, i * width, (i + 1) * width));
  }

  /**
   * The values of a 2-D tensor as rows.
   *
   * @throws IllegalStateException if the tensor is not 2-D
   */
  public float[][] toMatrix() {
    if (shape.length != 2) {
      throw new IllegalStateException("a tensor of shape " + Arrays.toString(shape) + " is not a matrix");
    }
    int rows = (int) shape[0];
    int width = (int) shape[1];
    float[][] matrix = new float[rows][];
    for (int i = 0; i < rows; i++) {
      matrix[i] = Arrays.copyOfRange(values, i * width, (i + 1) * width);
    }
    return matrix;
  }

  /** Equal when shapes and values are equal (records compare arrays by identity). */
  @Override
  public boolean equals(Object other) {
    return other instanceof FloatTensor that && Arrays.equals(shape, that.shape)
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FloatTensor" + Arrays.toString(shape);
  }
}
