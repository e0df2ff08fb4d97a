package dev.distill.runtime;

import dev.distill.contract.InputKind;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * A tabular ONNX model ({@link InputKind#TABULAR}: {@code features} float {@code [batch, features]}): rows of raw
 * feature values in, one named 2-D float output out ({@code logits} of a classifier, or {@code probabilities} of an
 * exported tree ensemble). The front beside {@link OnnxTextModel} for models that read numbers, not text.
 *
 * <p>Thread-safe, with {@link OnnxTextModel}'s close semantics: concurrent {@code forward} calls are allowed,
 * {@link #close()} waits for those in flight, calls after it throw {@link IllegalStateException}.
 */
public final class OnnxTabularModel implements AutoCloseable {
  private final OnnxFloatModel model;

  private OnnxTabularModel(OnnxFloatModel model) {
    this.model = model;
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
    return new OnnxTabularModel(OnnxFloatModel.open(model, InputKind.TABULAR, outputs, intraOpThreads, tuning));
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
    int declared = declaredFeatures().orElse(0);
    if (batch.size() > 0 && declared > 0 && batch.width() != declared) {
      throw new IllegalArgumentException(model.location() + " reads " + declared + " features per row, not "
          + batch.width() + " (" + batch.describe() + ")");
    }
    return model.forward(batch);
  }

  /** @return the output {@link #forward} returns, the first of those asked for that the model declares */
  public String outputName() {
    return model.outputName();
  }

  /** @return the features per row, if the model declares the width of its {@code features} input */
  public OptionalInt declaredFeatures() {
    long features = model.inputShape()[1];
    return features > 0 ? OptionalInt.of((int) features) : OptionalInt.empty();
  }

  /** @return the output's second dimension, if the model declares it statically */
  public OptionalInt declaredOutputWidth() {
    return model.declaredWidth() > 0 ? OptionalInt.of(model.declaredWidth()) : OptionalInt.empty();
  }

  /** @return the model's path or URL */
  public String location() {
    return model.location();
  }

  /** Frees the session once inferences in flight have finished. Idempotent. */
  @Override
  public void close() {
    model.close();
  }
}
