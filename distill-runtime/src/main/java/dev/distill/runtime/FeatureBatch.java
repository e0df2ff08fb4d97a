package dev.distill.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.InputKind;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A batch of tabular examples ({@link InputKind#TABULAR}): rows of raw feature values, all of one width, fed as
 * {@code features} float {@code [batch, features]}.
 */
public final class FeatureBatch implements InputBatch {
  private final float[][] rows;
  private final int width;

  /**
   * @param rows the examples, each a row of the same number of feature values
   * @throws IllegalArgumentException naming the first row whose width differs from the first row's
   */
  public FeatureBatch(float[][] rows) {
    this.rows = Objects.requireNonNull(rows, "rows");
    this.width = rows.length == 0 ? 0 : Objects.requireNonNull(rows[0], "row 0 is null").length;
    for (int i = 0; i < rows.length; i++) {
      int row = i;
      Objects.requireNonNull(rows[i], () -> "row " + row + " is null");
      if (rows[i].length != width) {
        throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " feature values but row 0 has "
            + width + ": every row of a batch has the model's features, in its order");
      }
    }
  }

  /** @return the number of feature values of each row */
  public int width() {
    return width;
  }

  @Override
  public InputKind kind() {
    return InputKind.TABULAR;
  }

  @Override
  public int size() {
    return rows.length;
  }

  @Override
  public void addTensors(OrtEnvironment environment, Set<String> declared, TensorBuffers buffers,
      Map<String, OnnxTensor> into) throws OrtException {
    if (!declared.contains(ClassifierGraph.FEATURES)) {
      return;
    }
    FloatBuffer buffer = buffers.floats(ClassifierGraph.FEATURES, rows.length * width);
    for (float[] row : rows) {
      buffer.put(row);
    }
    buffer.flip();
    into.put(ClassifierGraph.FEATURES, OnnxTensor.createTensor(environment, buffer, new long[] {rows.length, width}));
  }

  @Override
  public String describe() {
    return rows.length + " x " + width + " features";
  }
}
