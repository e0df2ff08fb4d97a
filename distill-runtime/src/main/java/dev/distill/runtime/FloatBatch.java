package dev.distill.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.distill.contract.InputKind;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A batch of examples that are each one float tensor of the same shape, fed as the one input of their kind: the
 * rows of a {@link InputKind#TABULAR} batch ({@link FeatureBatch}) and the preprocessed pixels of an
 * {@link InputKind#IMAGE} batch ({@link PixelBatch}). Each example is given flat, in row-major order.
 */
class FloatBatch implements InputBatch {
  private final InputKind kind;
  private final String input;
  private final float[][] examples;
  private final long[] exampleShape;
  private final String unit;

  /**
   * @param input the kind's input tensor the examples are fed as
   * @param exampleShape the shape of one example (the dimensions after {@code batch})
   * @param unit what an example's values are, for messages ("features", "pixels")
   * @throws IllegalArgumentException naming the first example whose size is not the shape's
   */
  FloatBatch(InputKind kind, String input, float[][] examples, long[] exampleShape, String unit) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.input = input;
    this.examples = Objects.requireNonNull(examples, "examples");
    this.exampleShape = exampleShape.clone();
    this.unit = unit;
    long size = Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b);
    for (int i = 0; i < examples.length; i++) {
      int row = i;
      Objects.requireNonNull(examples[i], () -> "row " + row + " is null");
      if (examples[i].length != size) {
        throw new IllegalArgumentException("row " + i + " has " + examples[i].length + " " + unit + " but "
            + (i == 0 ? "the model reads " + size + " " + Arrays.toString(exampleShape) : "row 0 has " + size)
            + ": every row of a batch has the same shape");
      }
    }
  }

  /** @return the values per example */
  int exampleSize() {
    return examples.length == 0 ? 0 : examples[0].length;
  }

  @Override
  public InputKind kind() {
    return kind;
  }

  @Override
  public int size() {
    return examples.length;
  }

  @Override
  public void addTensors(OrtEnvironment environment, Set<String> declared, TensorBuffers buffers,
      Map<String, OnnxTensor> into) throws OrtException {
    if (!declared.contains(input)) {
      return;
    }
    FloatBuffer buffer = buffers.floats(input, examples.length * exampleSize());
    for (float[] example : examples) {
      buffer.put(example);
    }
    buffer.flip();
    long[] shape = new long[exampleShape.length + 1];
    shape[0] = examples.length;
    System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
    into.put(input, OnnxTensor.createTensor(environment, buffer, shape));
  }

  @Override
  public String describe() {
    StringBuilder shape = new StringBuilder().append(examples.length);
    for (long d : exampleShape) {
      shape.append(" x ").append(d);
    }
    return shape + " " + unit;
  }
}
