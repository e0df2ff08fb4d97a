package dev.distill.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tabular classifier: rows of numeric features in, one {@link Prediction} (or one row of logits) per row out,
 * over a fixed list of {@link #labels()}. It is {@link TextClassifier}'s counterpart for models that read numbers
 * ({@code features} float {@code [batch, features]}), such as a distilled {@code MLP} student or a tree ensemble.
 *
 * <p>The {@code load} methods serve a tabular classifier folder ({@code model.onnx} and {@code config.json} with
 * {@code id2label} and {@code feature_names}; no tokenizer), from a path or {@code META-INF/distill/<name>/} on the
 * classpath, with ONNX Runtime:
 *
 * <pre>{@code
 * try (TabularClassifier classifier = TabularClassifier.load(Path.of("target/distill/covertype"))) {
 *   Prediction p = classifier.predict(Map.of("Elevation", 3024.0, "Aspect", 29.0, ...));
 * }
 * }</pre>
 *
 * <p>Values are raw: a distill student standardises them inside its graph. A row given as an array has the
 * features in the order of {@link #featureNames()}; a row given as a map names each feature once.
 *
 * <p>Thread safety and close semantics are {@link TextClassifier}'s: one instance is shared by all threads,
 * {@link #close()} is idempotent and waits for inferences in flight, a call after it throws
 * {@link IllegalStateException} naming the model; {@link #labels()}, {@link #featureNames()}, {@link #config()}
 * and {@link #options()} keep working after close.
 */
public interface TabularClassifier extends AutoCloseable {

  /**
   * Loads a tabular classifier folder with the default options.
   *
   * @throws ModelLoadException naming the file that is missing or does not fit the others
   */
  static TabularClassifier load(Path folder) {
    return load(folder, ClassifierOptions.defaults());
  }

  /**
   * Loads a tabular classifier folder ({@code maxLength} in the options is not used: there are no tokens).
   *
   * @throws ModelLoadException naming the file that is missing or does not fit the others
   */
  static TabularClassifier load(Path folder, ClassifierOptions options) {
    return OnnxTabularClassifier.load(ModelSource.folder(folder), options);
  }

  /**
   * Loads the classifier bundled at {@code META-INF/distill/<name>/} on the thread's context class
   * loader, with the default options.
   *
   * @throws ModelLoadException naming the resource that is missing or does not fit the others
   */
  static TabularClassifier load(String name) {
    return load(name, ClassifierOptions.defaults());
  }

  /**
   * Loads the classifier bundled at {@code META-INF/distill/<name>/} on the thread's context class
   * loader.
   *
   * @throws ModelLoadException naming the resource that is missing or does not fit the others
   */
  static TabularClassifier load(String name, ClassifierOptions options) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(name, loader != null ? loader : TabularClassifier.class.getClassLoader(), options);
  }

  /**
   * Loads the classifier bundled at {@code META-INF/distill/<name>/} on {@code loader}.
   *
   * @throws ModelLoadException naming the resource that is missing or does not fit the others
   */
  static TabularClassifier load(String name, ClassLoader loader, ClassifierOptions options) {
    Objects.requireNonNull(loader, "loader");
    return OnnxTabularClassifier.load(ModelSource.classpath(loader, name, ""), options);
  }

  /**
   * Classifies one row.
   *
   * @param features the raw values, in the order of {@link #featureNames()}
   * @throws IllegalArgumentException if the row has another number of values than the model's features
   */
  default Prediction predict(float[] features) {
    Objects.requireNonNull(features, "features is null");
    return Prediction.fromLogits(logits(new float[][] {features})[0], labels());
  }

  /**
   * Classifies one row given by feature name.
   *
   * @param features each of {@link #featureNames()} with its raw value
   * @throws IllegalArgumentException naming the features that are missing or unknown
   */
  default Prediction predict(Map<String, Double> features) {
    return predict(FeatureRows.row(features, featureNames()));
  }

  /** Classifies several rows, one prediction per row, in order. */
  default List<Prediction> predictBatch(List<float[]> rows) {
    float[][] logits = logits(rows.toArray(new float[0][]));
    List<Prediction> predictions = new ArrayList<>(logits.length);
    for (float[] row : logits) {
      predictions.add(Prediction.fromLogits(row, labels()));
    }
    return predictions;
  }

  /**
   * The logits of several rows.
   *
   * @param rows raw values, each row in the order of {@link #featureNames()}
   * @return {@code [rows.length][labels().size()]}
   * @throws IllegalArgumentException naming the first row of another width than the model's features
   */
  float[][] logits(float[][] rows);

  /** @return the labels, in logit order */
  List<String> labels();

  /** @return the feature columns a row holds, in order ({@code feature_names} of config.json) */
  List<String> featureNames();

  /** @return the folder's config.json */
  ModelConfig config();

  /** @return the options it was loaded with */
  ClassifierOptions options();

  /** Frees the native session once inferences in flight have finished. Idempotent. */
  @Override
  void close();
}
