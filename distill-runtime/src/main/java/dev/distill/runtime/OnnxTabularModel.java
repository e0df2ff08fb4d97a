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
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A tabular ONNX model ({@link InputKind#TABULAR}: {@code features} float {@code [batch, features]}): rows of raw
 * feature values in, one named 2-D float output out ({@code logits} of a classifier, or {@code probabilities} of an
 * exported tree ensemble). The front beside {@link OnnxTextModel} for models that read numbers, not text.
 *
 * <p>Thread-safe, with {@link OnnxTextModel}'s close semantics: concurrent {@code forward} calls are allowed,
 * {@link #close()} waits for those in flight, calls after it throw {@link IllegalStateException}.
 */
public final class OnnxTabularModel implements AutoCloseable {
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final String location;
  private final String outputName;
  private final Set<String> inputNames;
  private final int declaredFeatures;
  private final int declaredWidth;
  private final CloseGuard guard;
  private final ThreadLocal<TensorBuffers> buffers = ThreadLocal.withInitial(TensorBuffers::new);

  private OnnxTabularModel(OrtEnvironment environment, OrtSession session, String location, String outputName,
      int declaredFeatures, int declaredWidth) {
    this.environment = environment;
    this.session = session;
    this.location = location;
    this.outputName = outputName;
    this.inputNames = Set.copyOf(session.getInputNames());
    this.declaredFeatures = declaredFeatures;
    this.declaredWidth = declaredWidth;
    this.guard = new CloseGuard("The model " + location);
  }

  /**
   * Loads a model file that reads {@code features}, serving the first of {@code outputs} it declares.
   *
   * @param modelFile the ONNX model
   * @param outputs the 2-D float outputs to serve, in order of preference, e.g. {@code logits}, {@code probabilities}
   * @param intraOpThreads ONNX Runtime intra-op threads (at least 1)
   * @throws ModelLoadException naming the file that is missing or corrupt, whose inputs are not tabular, or that
   *     declares none of {@code outputs} as a 2-D float tensor
   */
  public static OnnxTabularModel load(Path modelFile, List<String> outputs, int intraOpThreads) {
    return open(ModelBytes.onDisk(modelFile.toAbsolutePath()), outputs, intraOpThreads, ClassifierOptions.defaults());
  }

  /** Opens a session on {@code model} with the graph optimization and execution provider of {@code tuning}. */
  static OnnxTabularModel open(ModelBytes model, List<String> outputs, int intraOpThreads,
      ClassifierOptions tuning) {
    OrtEnvironment environment = OrtSessions.environment();
    OrtSession session = null;
    try {
      session = OrtSessions.open(environment, model, intraOpThreads, tuning);
      InputKind.TABULAR.problemWith(session.getInputNames()).ifPresent(problem -> {
        throw new ModelLoadException(model.location() + " " + problem);
      });
      int features = featuresWidth(session, model.location());
      String output = chooseOutput(session, model.location(), outputs);
      long[] shape = ((TensorInfo) session.getOutputInfo().get(output).getInfo()).getShape();
      return new OnnxTabularModel(environment, session, model.location(), output, features, (int) shape[1]);
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
   * Runs the model on rows of raw feature values.
   *
   * @param rows the examples, each with the model's features in its order
   * @return the output, {@code [rows.length][width]}
   * @throws IllegalArgumentException if the rows differ in width or have another width than the model declares
   * @throws IllegalStateException after {@link #close()}
   */
  public float[][] forward(float[][] rows) {
    return forward(new FeatureBatch(rows));
  }

  /**
   * Runs the model on a batch of features.
   *
   * @see #forward(float[][])
   */
  public float[][] forward(FeatureBatch batch) {
    guard.enter();
    try {
      if (batch.size() == 0) {
        return new float[0][];
      }
      if (declaredFeatures > 0 && batch.width() != declaredFeatures) {
        throw new IllegalArgumentException(location + " reads " + declaredFeatures + " features per row, not "
            + batch.width() + " (" + batch.describe() + ")");
      }
      Map<String, OnnxTensor> inputs = new HashMap<>(2);
      try {
        batch.addTensors(environment, inputNames, buffers.get(), inputs);
        try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
          OnnxTensor tensor = (OnnxTensor) result.get(outputName).orElseThrow();
          long[] shape = tensor.getInfo().getShape();
          if (shape.length != 2 || shape[0] != batch.size()) {
            throw new IllegalStateException(location + ": output '" + outputName + "' has shape "
                + java.util.Arrays.toString(shape) + ", expected [" + batch.size() + ", width]");
          }
          FloatBuffer data = tensor.getFloatBuffer();
          float[][] out = new float[batch.size()][(int) shape[1]];
          for (float[] row : out) {
            data.get(row);
          }
          return out;
        }
      } catch (OrtException e) {
        throw new IllegalStateException("ONNX Runtime failed on " + location + " for a batch of "
            + batch.describe() + ": " + e.getMessage(), e);
      } finally {
        inputs.values().forEach(OnnxTensor::close);
      }
    } finally {
      guard.exit();
    }
  }

  /** @return the output {@link #forward} returns, the first of those asked for that the model declares */
  public String outputName() {
    return outputName;
  }

  /** @return the features per row, if the model declares the width of its {@code features} input */
  public OptionalInt declaredFeatures() {
    return declaredFeatures > 0 ? OptionalInt.of(declaredFeatures) : OptionalInt.empty();
  }

  /** @return the output's second dimension, if the model declares it statically */
  public OptionalInt declaredOutputWidth() {
    return declaredWidth > 0 ? OptionalInt.of(declaredWidth) : OptionalInt.empty();
  }

  /** @return the model's path or URL */
  public String location() {
    return location;
  }

  /** Frees the session once inferences in flight have finished. Idempotent. */
  @Override
  public void close() {
    guard.close(() -> OrtSessions.closeQuietly(session));
  }

  private static int featuresWidth(OrtSession session, String location) throws OrtException {
    NodeInfo info = session.getInputInfo().get(ClassifierGraph.FEATURES);
    if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT
        || tensor.getShape().length != 2) {
      throw new ModelLoadException(location + ": input '" + ClassifierGraph.FEATURES + "' must be a 2-D float"
          + " tensor [batch, features], found " + info.getInfo() + "; export the model with a float32 input");
    }
    return (int) tensor.getShape()[1];
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
