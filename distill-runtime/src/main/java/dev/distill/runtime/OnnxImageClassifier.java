package dev.distill.runtime;

import dev.distill.contract.ClassifierGraph;
import dev.distill.runtime.image.ImagePreprocessing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The {@link ImageClassifier} that {@code ImageClassifier.load} returns: an image folder's {@code model.onnx}
 * (input {@code pixel_values}, output {@code logits}) on ONNX Runtime, its labels from {@code config.json} and its
 * preprocessing from {@code preprocessor_config.json}. Thread safety and close semantics are
 * {@link OnnxImageModel}'s.
 */
final class OnnxImageClassifier implements ImageClassifier {
  private final OnnxImageModel model;
  private final ModelConfig config;
  private final ClassifierOptions options;

  private OnnxImageClassifier(OnnxImageModel model, ModelConfig config, ClassifierOptions options) {
    this.model = model;
    this.config = config;
    this.options = options;
  }

  /** Loads the three files of {@code source}, checking them against each other. */
  static ImageClassifier load(ModelSource source, ClassifierOptions options) {
    Objects.requireNonNull(options, "options");
    source.requireAll(ModelFolder.IMAGE_FILES);
    ModelConfig config = ModelConfig.parse(new String(source.readAll(ModelFolder.CONFIG), StandardCharsets.UTF_8),
        source.describe(ModelFolder.CONFIG));
    ImagePreprocessing preprocessing = ImagePreprocessing.parse(new String(
        source.readAll(ModelFolder.PREPROCESSOR_CONFIG), StandardCharsets.UTF_8),
        source.describe(ModelFolder.PREPROCESSOR_CONFIG));
    ModelBytes bytes = ModelBytes.from(source);
    if (options.verifyChecksum()) {
      config.modelSha256().ifPresent(expected -> bytes.verify(expected, config.location()));
    }
    OnnxImageModel model = OnnxImageModel.open(bytes, preprocessing, List.of(ClassifierGraph.LOGITS),
        options.intraOpThreads(), options);
    try {
      int width = model.declaredOutputWidth() > 0 ? model.declaredOutputWidth()
          : model.forward(new float[][] {new float[preprocessing.size()]})[0].length;
      if (width != config.labels().size()) {
        throw new ModelLoadException(model.location() + " outputs " + width + " logits per image but "
            + config.location() + " names " + config.labels().size() + " labels in id2label " + config.labels());
      }
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return new OnnxImageClassifier(model, config, options);
  }

  /** {@inheritDoc} Images are run in batches of {@link ClassifierOptions#batchSize()}. */
  @Override
  public float[][] logits(float[][] pixelValues) {
    return RowBatches.run(pixelValues, options.batchSize(), model::forward);
  }

  @Override
  public List<String> labels() {
    return config.labels();
  }

  @Override
  public ImagePreprocessing preprocessing() {
    return model.preprocessing();
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
