package dev.distill.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.distill.contract.InputKind;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A transformer-style ONNX text model with its tokenizer: texts in, one named 2-D float output out
 * ({@code logits} of a classifier, {@code sentence_embedding} of a pooled encoder, ...), or with
 * {@link #forward(List, Set)} any of the model's float outputs, of any rank.
 *
 * <p>It feeds exactly the inputs the model declares among those of its encoder's {@link InputKind}
 * ({@link InputKind#TEXT}: {@code input_ids}, {@code attention_mask} and {@code token_type_ids}, all
 * int64 {@code [batch, sequence]}); a model declaring any other input is rejected at load time. The
 * session code knows no input names: an {@link InputBatch} builds the tensors.
 *
 * <p>Thread-safe: ONNX Runtime sessions allow concurrent {@code run} calls, and each thread reuses
 * its own input buffers. {@link #close()} waits for inferences in flight before it frees the
 * native session; calls after it throw {@link IllegalStateException}.
 */
public final class OnnxTextModel implements AutoCloseable {
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final TextEncoder encoder;
  private final String location;
  private final String outputName;
  private final Set<String> requestedOutputs;
  private final Set<String> inputNames;
  private final int declaredWidth;
  private final CloseGuard guard;
  private final ThreadLocal<TensorBuffers> buffers = ThreadLocal.withInitial(TensorBuffers::new);

  private OnnxTextModel(OrtEnvironment environment, OrtSession session, TextEncoder encoder,
      String location, String outputName, int declaredWidth) {
    this.environment = environment;
    this.session = session;
    this.encoder = encoder;
    this.location = location;
    this.outputName = outputName;
    this.requestedOutputs = Set.of(outputName);
    this.inputNames = Set.copyOf(session.getInputNames());
    this.declaredWidth = declaredWidth;
    this.guard = new CloseGuard("The model " + location);
  }

  /**
   * Loads a model file and its tokenizer.
   *
   * @param modelFile the ONNX model
   * @param tokenizerJson the HuggingFace tokenizer file
   * @param outputName the 2-D float output that {@link #forward} returns, e.g. {@code logits}
   * @param maxLength the maximum tokens per text, special tokens included
   * @param intraOpThreads ONNX Runtime intra-op threads (at least 1)
   * @return the model
   * @throws ModelLoadException naming the file that is missing, corrupt or lacks the output
   */
  public static OnnxTextModel load(Path modelFile, Path tokenizerJson, String outputName,
      int maxLength, int intraOpThreads) {
    ModelBytes model = ModelBytes.onDisk(modelFile.toAbsolutePath());
    return open(model, TextEncoder.load(tokenizerJson, maxLength), outputName, intraOpThreads,
        ClassifierOptions.defaults());
  }

  /**
   * Opens a session on {@code model} with the graph optimization and execution provider of
   * {@code tuning} (its other options are the caller's business); takes ownership of {@code encoder} (closed on failure).
   */
  static OnnxTextModel open(ModelBytes model, TextEncoder encoder, String outputName,
      int intraOpThreads, ClassifierOptions tuning) {
    if (intraOpThreads < 1) {
      encoder.close();
      throw new IllegalArgumentException("intraOpThreads must be at least 1, was " + intraOpThreads);
    }
    OrtEnvironment environment = OrtSessions.environment();
    OrtSession session = null;
    try {
      session = OrtSessions.open(environment, model, intraOpThreads, tuning);
      checkInputs(session, model.location(), encoder.kind());
      int width = checkOutput(session, model.location(), outputName);
      return new OnnxTextModel(environment, session, encoder, model.location(), outputName, width);
    } catch (OrtException e) {
      OrtSessions.closeQuietly(session);
      encoder.close();
      throw new ModelLoadException("Cannot load ONNX model " + model.location()
          + " (ONNX Runtime could not parse or initialize it): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      OrtSessions.closeQuietly(session);
      encoder.close();
      throw e;
    }
  }

  /**
   * Runs the model on texts.
   *
   * @param texts the texts, tokenized and padded to the longest of them
   * @return the output, {@code [texts.size()][width]}
   * @throws IllegalStateException after {@link #close()}
   */
  public float[][] forward(List<String> texts) {
    guard.enter();
    try {
      return run(encoder.encode(texts));
    } finally {
      guard.exit();
    }
  }

  /**
   * Runs the model on a batch tokenized by {@link #encoder()}, or any batch of the model's input kind.
   *
   * @param batch the encoded batch
   * @return the output, {@code [batch.size()][width]}
   * @throws IllegalArgumentException if the batch is not of the model's input kind
   * @throws IllegalStateException after {@link #close()}
   */
  public float[][] forward(InputBatch batch) {
    guard.enter();
    try {
      return run(checkedKind(batch));
    } finally {
      guard.exit();
    }
  }

  /**
   * Runs the model on texts and returns the named outputs, of any rank, each with the batch as its
   * first dimension: e.g. the logits and an inner tensor made an output by the distill-onnx
   * {@code GraphOutputs}.
   *
   * @param texts the texts, tokenized and padded to the longest of them
   * @param outputs names of float outputs the model declares (see {@link #declaredOutputs()})
   * @return each output by name, in the order asked for; an empty batch gives empty tensors of shape [0]
   * @throws IllegalArgumentException naming the model and the outputs it has, for an output it lacks
   * @throws IllegalStateException after {@link #close()}, or for an output that is not a float tensor
   */
  public Map<String, FloatTensor> forward(List<String> texts, Set<String> outputs) {
    guard.enter();
    try {
      return run(encoder.encode(texts), checkedOutputs(outputs));
    } finally {
      guard.exit();
    }
  }

  /**
   * Runs the model on a batch tokenized by {@link #encoder()}, or any batch of the model's input kind,
   * and returns the named outputs.
   *
   * @throws IllegalArgumentException if the batch is not of the model's input kind
   * @see #forward(List, Set)
   */
  public Map<String, FloatTensor> forward(InputBatch batch, Set<String> outputs) {
    guard.enter();
    try {
      return run(checkedKind(batch), checkedOutputs(outputs));
    } finally {
      guard.exit();
    }
  }

  /** @return the names of every output the model declares */
  public Set<String> declaredOutputs() {
    return session.getOutputNames();
  }

  private InputBatch checkedKind(InputBatch batch) {
    if (!batch.kind().equals(encoder.kind())) {
      throw new IllegalArgumentException(location + " reads " + encoder.kind().name() + " inputs, not a batch of "
          + batch.kind().name() + " (" + batch.describe() + ")");
    }
    return batch;
  }

  private Set<String> checkedOutputs(Set<String> outputs) {
    return SessionRuns.checked(location, outputs, session.getOutputNames());
  }

  /** Runs the session for the model's one output as a matrix; the caller holds the guard. */
  private float[][] run(InputBatch batch) {
    if (batch.size() == 0) {
      return new float[0][];
    }
    return run(batch, requestedOutputs, result -> toMatrix(result.get(outputName).orElseThrow(), batch.size()));
  }

  /** Runs the session for several outputs of any rank; the caller holds the guard. */
  private Map<String, FloatTensor> run(InputBatch batch, Set<String> outputs) {
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    if (batch.size() == 0) {
      outputs.forEach(name -> tensors.put(name, new FloatTensor(new long[] {0}, new float[0])));
      return tensors;
    }
    return run(batch, outputs, result -> {
      for (String name : outputs) {
        tensors.put(name, SessionRuns.read(location, name, result.get(name).orElseThrow(), batch.size()));
      }
      return tensors;
    });
  }

  /** Runs the session on the batch for {@code outputs}; the caller holds the guard. */
  private <T> T run(InputBatch batch, Set<String> outputs, SessionRuns.ResultReader<T> reader) {
    return SessionRuns.run(environment, session, location, inputNames, buffers.get(), batch, outputs, reader);
  }

  /** @return the tokenizer that {@link #forward(List)} uses */
  public TextEncoder encoder() {
    return encoder;
  }

  /** @return the output that {@link #forward} returns */
  public String outputName() {
    return outputName;
  }

  /** @return the output's second dimension if the model declares it statically */
  public OptionalInt declaredOutputWidth() {
    return declaredWidth > 0 ? OptionalInt.of(declaredWidth) : OptionalInt.empty();
  }

  /** @return the inputs the model declares (a subset of its encoder's {@link InputKind#tensors()}) */
  public Set<String> inputNames() {
    return inputNames;
  }

  /** @return the model's path or URL */
  public String location() {
    return location;
  }

  /** Frees the session and tokenizer once inferences in flight have finished. Idempotent. */
  @Override
  public void close() {
    guard.close(() -> {
      OrtSessions.closeQuietly(session);
      encoder.close();
    });
  }

  private float[][] toMatrix(OnnxValue value, int rows) {
    OnnxTensor tensor = (OnnxTensor) value;
    long[] shape = tensor.getInfo().getShape();
    if (shape.length != 2 || shape[0] != rows) {
      throw new IllegalStateException(location + ": output '" + outputName + "' has shape "
          + java.util.Arrays.toString(shape) + ", expected [" + rows + ", width]");
    }
    int width = (int) shape[1];
    FloatBuffer data = tensor.getFloatBuffer();
    float[][] out = new float[rows][width];
    for (int i = 0; i < rows; i++) {
      data.get(out[i]);
    }
    return out;
  }

  private static void checkInputs(OrtSession session, String location, InputKind kind) {
    kind.problemWith(session.getInputNames()).ifPresent(problem -> {
      throw new ModelLoadException(location + " " + problem);
    });
  }

  private static int checkOutput(OrtSession session, String location, String outputName)
      throws OrtException {
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    NodeInfo info = outputs.get(outputName);
    if (info == null) {
      throw new ModelLoadException(location + " has no '" + outputName + "' output; its outputs"
          + " are " + outputs.keySet());
    }
    if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT
        || tensor.getShape().length != 2) {
      throw new ModelLoadException(location + ": output '" + outputName + "' must be a 2-D float"
          + " tensor [batch, width], found " + info.getInfo());
    }
    return (int) tensor.getShape()[1];
  }
}
