package dev.distill.runtime;

import dev.distill.contract.ClassifierGraph;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The {@link TabularClassifier} that {@code TabularClassifier.load} returns: a tabular folder's {@code model.onnx}
 * (input {@code features}, output {@code logits}) on ONNX Runtime, its labels and feature names from
 * {@code config.json}. Thread safety and close semantics are {@link OnnxTabularModel}'s.
 */
final class OnnxTabularClassifier implements TabularClassifier {
  private final OnnxTabularModel model;
  private final ModelConfig config;
  private final List<String> featureNames;
  private final ClassifierOptions options;

  private OnnxTabularClassifier(OnnxTabularModel model, ModelConfig config, List<String> featureNames,
      ClassifierOptions options) {
    this.model = model;
    this.config = config;
    this.featureNames = featureNames;
    this.options = options;
  }

  /** Loads the two files of {@code source}, checking them against each other. */
  static TabularClassifier load(ModelSource source, ClassifierOptions options) {
    Objects.requireNonNull(options, "options");
    source.requireAll(ModelFolder.TABULAR_FILES);
    String configText = new String(source.readAll(ModelFolder.CONFIG), StandardCharsets.UTF_8);
    ModelConfig config = ModelConfig.parse(configText, source.describe(ModelFolder.CONFIG));
    List<String> names = config.featureNames().orElseThrow(() -> new ModelLoadException(config.location()
        + " has no " + ModelFolder.FEATURE_NAMES + ": a tabular classifier names its feature columns in the order"
        + " its features input reads them, e.g. \"" + ModelFolder.FEATURE_NAMES + "\": [\"Elevation\", \"Slope\"]"));
    ModelBytes bytes = ModelBytes.from(source);
    if (options.verifyChecksum()) {
      config.modelSha256().ifPresent(expected -> bytes.verify(expected, config.location()));
    }
    OnnxTabularModel model = OnnxTabularModel.open(bytes, List.of(ClassifierGraph.LOGITS), options.intraOpThreads(),
        options);
    try {
      int features = model.declaredFeatures().orElse(names.size());
      if (features != names.size()) {
        throw new ModelLoadException(model.location() + " reads " + features + " features per row but "
            + config.location() + " names " + names.size() + " in " + ModelFolder.FEATURE_NAMES);
      }
      int width = model.declaredOutputWidth()
          .orElseGet(() -> model.forward(new float[][] {new float[names.size()]})[0].length);
      if (width != config.labels().size()) {
        throw new ModelLoadException(model.location() + " outputs " + width + " logits per row but "
            + config.location() + " names " + config.labels().size() + " labels in id2label " + config.labels());
      }
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return new OnnxTabularClassifier(model, config, names, options);
  }

  /** {@inheritDoc} Rows are run in batches of {@link ClassifierOptions#batchSize()}. */
  @Override
  public float[][] logits(float[][] rows) {
    for (int i = 0; i < rows.length; i++) {
      Objects.requireNonNull(rows[i], "row " + i + " is null");
      if (rows[i].length != featureNames.size()) {
        throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values but the model reads "
            + featureNames.size() + " features " + featureNames);
      }
    }
    // Even an empty batch runs, so that a call after close() throws.
    return RowBatches.run(rows, options.batchSize(), model::forward);
  }

  @Override
  public List<String> labels() {
    return config.labels();
  }

  @Override
  public List<String> featureNames() {
    return featureNames;
  }

  @Override
  public ModelConfig config() {
    return config;
  }

  @Override
  public ClassifierOptions options() {
    return options;
  }

  @Override
  public void close() {
    model.close();
  }
}
