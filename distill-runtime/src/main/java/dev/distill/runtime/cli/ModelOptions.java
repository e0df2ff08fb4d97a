package dev.distill.runtime.cli;

import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.ImageClassifier;
import dev.distill.runtime.ModelLocator;
import dev.distill.runtime.TextClassifier;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command shares: which model, and how to run it. */
final class ModelOptions {
  @Option(names = "--model", required = true, paramLabel = "<folder|jar>",
      description = "A classifier folder, or a jar holding META-INF/distill/<name>/.")
  Path model;

  @Option(names = "--name", paramLabel = "<name>",
      description = "The model's name inside the jar (needed when the jar holds several).")
  String name;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "<n>",
      description = "ONNX Runtime intra-op threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--max-length", paramLabel = "<tokens>",
      description = "Maximum tokens per text (default: config.json's max_length, else 128); not for an image"
          + " model.")
  Integer maxLength;

  @Option(names = "--batch", defaultValue = "32", paramLabel = "<n>",
      description = "Texts (or images) per inference (default: ${DEFAULT-VALUE}).")
  int batch;

  /**
   * @return whether {@code --model} is an image classifier (it has a preprocessor_config.json), a folder or in a
   *     jar
   */
  boolean isImage() {
    return ModelLocator.isImage(model, name);
  }

  /** @return the image classifier these options name */
  ImageClassifier openImages() {
    return ModelLocator.openImage(model, name, ClassifierOptions.builder().intraOpThreads(threads)
        .batchSize(batch).build());
  }

  /** @return the classifier these options name */
  TextClassifier open() {
    ClassifierOptions.Builder options = ClassifierOptions.builder()
        .intraOpThreads(threads)
        .batchSize(batch);
    if (maxLength != null) {
      options.maxLength(maxLength);
    }
    return ModelLocator.open(model, name, options.build());
  }
}
