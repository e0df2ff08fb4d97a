package dev.distill.runtime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What every model front does around {@code OrtSession.run}: feed a batch, run, read the outputs while their native
 * values are alive, close the inputs, and check and copy named float outputs (for the fronts that serve more than
 * their logits).
 */
final class SessionRuns {

  private SessionRuns() {
  }

  /**
   * @param outputs the names asked for
   * @param declared the names the session declares
   * @return the names asked for, in order
   * @throws IllegalArgumentException naming the model and its outputs when one asked for is not declared
   */
  static Set<String> checked(String location, Set<String> outputs, Set<String> declared) {
    Set<String> missing = new LinkedHashSet<>(outputs);
    missing.removeAll(declared);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(location + " has no output " + missing + "; its outputs are " + declared
          + ". An inner tensor must first be made a graph output.");
    }
    return new LinkedHashSet<>(outputs);
  }

  /**
   * One output of a run, copied out of native memory.
   *
   * @param rows the batch's size, which must be the output's first dimension
   * @throws IllegalStateException naming the model and the output when it is not a float tensor with a row per example
   */
  static FloatTensor read(String location, String name, OnnxValue value, int rows) {
    if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT) {
      throw new IllegalStateException(location + ": output '" + name + "' is " + value.getInfo()
          + ", not a float tensor");
    }
    long[] shape = tensor.getInfo().getShape();
    if (shape.length == 0 || shape[0] != rows) {
      throw new IllegalStateException(location + ": output '" + name + "' has shape " + Arrays.toString(shape)
          + ", expected [" + rows + ", ...] (one row per example)");
    }
    FloatBuffer data = tensor.getFloatBuffer();
    float[] values = new float[data.remaining()];
    data.get(values);
    return new FloatTensor(shape, values);
  }

  /** Reads what a session run returned, while its native values are alive. */
  @FunctionalInterface
  interface ResultReader<T> {
    T read(OrtSession.Result result) throws OrtException;
  }

  /**
   * Feeds the batch, runs the session for {@code outputs} and reads the result; the caller holds its model's guard.
   *
   * @param inputNames the inputs the session declares
   * @throws IllegalStateException naming the model and the batch when ONNX Runtime fails
   */
  static <T> T run(OrtEnvironment environment, OrtSession session, String location, Set<String> inputNames,
      TensorBuffers buffers, InputBatch batch, Set<String> outputs, ResultReader<T> reader) {
    Map<String, OnnxTensor> inputs = new HashMap<>(4);
    try {
      batch.addTensors(environment, inputNames, buffers, inputs);
      try (OrtSession.Result result = session.run(inputs, outputs)) {
        return reader.read(result);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed on " + location + " for a batch of "
          + batch.describe() + ": " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }
}
