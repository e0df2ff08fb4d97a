package dev.distill.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.InputKind;
import dev.distill.contract.InputTensor;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session code of a model whose input is one float tensor ({@link InputKind#TABULAR}'s {@code features},
 * {@link InputKind#IMAGE}'s {@code pixel_values}): checks the graph's input and output at load, runs a
 * {@link FloatBatch} and reads one named 2-D float output. {@link OnnxTabularModel} and {@link OnnxImageModel} are
 * its fronts.
 *
 * <p>Thread-safe, with {@link OnnxTextModel}'s close semantics.
 */
final class OnnxFloatModel implements AutoCloseable {
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final String location;
  private final String outputName;
  private final Set<String> inputNames;
  private final long[] inputShape;
  private final int declaredWidth;
  private final CloseGuard guard;
  private final ThreadLocal<TensorBuffers> buffers = ThreadLocal.withInitial(TensorBuffers::new);

  private OnnxFloatModel(OrtEnvironment environment, OrtSession session, String location, String outputName,
      long[] inputShape, int declaredWidth) {
    this.environment = environment;
    this.session = session;
    this.location = location;
    this.outputName = outputName;
    this.inputNames = Set.copyOf(session.getInputNames());
    this.inputShape = inputShape;
    this.declaredWidth = declaredWidth;
    this.guard = new CloseGuard("The model " + location);
  }

  /**
   * Opens a session on {@code model}, whose input must be {@code kind}'s one float tensor with that tensor's rank.
   *
   * @param outputs the 2-D float outputs to serve, in order of preference
   * @throws ModelLoadException naming the file that is corrupt, whose input is not of {@code kind}, or that
   *     declares none of {@code outputs} as a 2-D float tensor
   */
  static OnnxFloatModel open(ModelBytes model, InputKind kind, List<String> outputs, int intraOpThreads,
      ClassifierOptions tuning) {
    OrtEnvironment environment = OrtSessions.environment();
    OrtSession session = null;
    try {
      session = OrtSessions.open(environment, model, intraOpThreads, tuning);
      kind.problemWith(session.getInputNames()).ifPresent(problem -> {
        throw new ModelLoadException(model.location() + " " + problem);
      });
      long[] inputShape = inputShape(session, kind.studentTensors().get(0), model.location());
      String output = chooseOutput(session, model.location(), outputs);
      long[] shape = ((TensorInfo) session.getOutputInfo().get(output).getInfo()).getShape();
      return new OnnxFloatModel(environment, session, model.location(), output, inputShape, (int) shape[1]);
    } catch (OrtException e) {
      OrtSessions.closeQuietly(session);
      throw new ModelLoadException("Cannot load ONNX model " + model.location()
          + " (ONNX Runtime could not parse or initialize it): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      OrtSessions.closeQuietly(session);
      throw e;
    }
  }

  /**
   * Runs the model on a batch.
   *
   * @return the output, {@code [batch.size()][width]}
   * @throws IllegalStateException after {@link #close()}
   */
  float[][] forward(FloatBatch batch) {
    guard.enter();
    try {
      if (batch.size() == 0) {
        return new float[0][];
      }
      return run(batch, Set.of(outputName), result -> {
        OnnxTensor tensor = (OnnxTensor) result.get(outputName).orElseThrow();
        long[] shape = tensor.getInfo().getShape();
        if (shape.length != 2 || shape[0] != batch.size()) {
          throw new IllegalStateException(location + ": output '" + outputName + "' has shape "
              + Arrays.toString(shape) + ", expected [" + batch.size() + ", width]");
        }
        FloatBuffer data = tensor.getFloatBuffer();
        float[][] out = new float[batch.size()][(int) shape[1]];
        for (float[] row : out) {
          data.get(row);
        }
        return out;
      });
    } finally {
      guard.exit();
    }
  }

  /**
   * Runs the model on a batch and returns the named outputs, of any rank, each with the batch first: e.g. the logits
   * and an inner tensor made an output by the distill-onnx {@code GraphOutputs}.
   *
   * @param outputs names of float outputs the model declares
   * @return each output by name, in the order asked for
   * @throws IllegalArgumentException naming the model and its outputs, for an output it lacks
   * @throws IllegalStateException after {@link #close()}, or for an output that is not a float tensor
   */
  Map<String, FloatTensor> forward(FloatBatch batch, Set<String> outputs) {
    guard.enter();
    try {
      Set<String> names = SessionRuns.checked(location, outputs, session.getOutputNames());
      Map<String, FloatTensor> tensors = new LinkedHashMap<>();
      if (batch.size() == 0) {
        names.forEach(name -> tensors.put(name, new FloatTensor(new long[] {0}, new float[0])));
        return tensors;
      }
      return run(batch, names, result -> {
        for (String name : names) {
          tensors.put(name, SessionRuns.read(location, name, result.get(name).orElseThrow(), batch.size()));
        }
        return tensors;
      });
    } finally {
      guard.exit();
    }
  }

  /** @return the input's declared shape, {@code batch} first; -1 for a dimension the graph leaves open */
  long[] inputShape() {
    return inputShape.clone();
  }

  String outputName() {
    return outputName;
  }

  /** @return the output's second dimension, or 0 when the graph does not declare it */
  int declaredWidth() {
    return Math.max(0, declaredWidth);
  }

  String location() {
    return location;
  }

  /** Runs the session on the batch for {@code outputs}; the caller holds the guard. */
  private <T> T run(FloatBatch batch, Set<String> outputs, SessionRuns.ResultReader<T> reader) {
    return SessionRuns.run(environment, session, location, inputNames, buffers.get(), batch, outputs, reader);
  }

  @Override
  public void close() {
    guard.close(() -> OrtSessions.closeQuietly(session));
  }

  private static long[] inputShape(OrtSession session, InputTensor expected, String location) throws OrtException {
    NodeInfo info = session.getInputInfo().get(expected.name());
    if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT
        || tensor.getShape().length != expected.dimensions().size()) {
      throw new ModelLoadException(location + ": input '" + expected.name() + "' must be a "
          + expected.dimensions().size() + "-D float tensor " + expected.dimensions() + ", found " + info.getInfo()
          + "; export the model with a float32 input");
    }
    return tensor.getShape();
  }

  private static String chooseOutput(OrtSession session, String location, List<String> outputs)
      throws OrtException {
    Map<String, NodeInfo> declared = session.getOutputInfo();
    for (String name : outputs) {
      NodeInfo info = declared.get(name);
      if (info == null) {
        continue;
      }
      if (info.getInfo() instanceof SequenceInfo) {
        throw new ModelLoadException(location + ": output '" + name + "' is a sequence of maps (an ONNX-ML"
            + " ZipMap), " + info.getInfo() + "; distill reads a 2-D float tensor [batch, classes]: export"
            + " without the ZipMap (skl2onnx: options={id(model): {'zipmap': False}}) and name the output '"
            + name + "'");
      }
      if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT
          || tensor.getShape().length != 2) {
        throw new ModelLoadException(location + ": output '" + name + "' must be a 2-D float tensor"
            + " [batch, classes], found " + info.getInfo());
      }
      return name;
    }
    throw new ModelLoadException(location + " has no " + String.join(" or ", outputs.stream()
        .map(o -> "'" + o + "'").toList()) + " output; its outputs are " + declared.keySet()
        + ". Name the model's scores '" + ClassifierGraph.LOGITS + "' (or its class probabilities '"
        + ClassifierGraph.PROBABILITIES + "') when exporting it");
  }
}
