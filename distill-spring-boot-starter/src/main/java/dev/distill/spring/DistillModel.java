package dev.distill.spring;

import dev.distill.runtime.ClassifierOptions;
import dev.distill.runtime.ModelFolder;
import dev.distill.runtime.ModelLocator;
import dev.distill.runtime.TextClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One model the application gets a {@link TextClassifier} bean for: bundled on the classpath at
 * {@code META-INF/distill/<name>/}, or at {@code distill.models.<name>.path} (a folder or a jar).
 *
 * @param name the model's name (the key under {@code distill.models}, or the bundled folder's)
 * @param path the folder or jar, or null when the model is bundled on the classpath
 * @param options how to run it
 */
public record DistillModel(String name, Path path, ClassifierOptions options) {
  /** The text of the warm-up call that every model answers before its bean is handed out. */
  static final String WARM_UP_TEXT = "warm-up";

  /** @return the name of this model's bean, {@code <name>TextClassifier} */
  public String beanName() {
    return name + "TextClassifier";
  }

  /** @return the prefix of this model's properties, {@code distill.models.<name>} */
  public String propertyPrefix() {
    return propertyPrefix(name);
  }

  /**
   * @param name a model's name
   * @return the prefix of its properties, {@code distill.models.<name>}
   */
  static String propertyPrefix(String name) {
    return DistillProperties.PREFIX + ".models." + name;
  }

  /** @return where the model comes from, as a user would set it, for messages and health */
  public String origin() {
    return path != null
        ? propertyPrefix() + ".path=" + path
        : "classpath:" + ModelFolder.resourceFolder(name);
  }

  /**
   * Loads the model with the runtime's own loaders, then makes one warm-up call (so that the first
   * request does not pay ONNX Runtime's lazy set-up, and a model that cannot answer fails start-up).
   *
   * @param loader the application's class loader, where bundled models are
   * @return the classifier, answering
   * @throws DistillModelException naming the property (or classpath folder), the path and the cause
   */
  TextClassifier load(ClassLoader loader) {
    if (path != null && !Files.exists(path)) {
      throw new DistillModelException(this, "no such folder or jar"
          + (path.isAbsolute() ? "" : " (" + path.toAbsolutePath() + ")") + "; it must be a"
          + " classifier folder (" + ModelFolder.MODEL + ", " + ModelFolder.TOKENIZER + ", "
          + ModelFolder.CONFIG + ") or a jar packaging " + ModelFolder.RESOURCE_ROOT + "<name>/",
          null);
    }
    TextClassifier classifier;
    try {
      classifier = path == null
          ? TextClassifier.load(name, loader, options)
          : ModelLocator.open(path, nameInside(path), options);
    } catch (RuntimeException e) {
      throw new DistillModelException(this, e.getMessage(), e);
    }
    try {
      classifier.predictBatch(List.of(WARM_UP_TEXT));
    } catch (RuntimeException e) {
      classifier.close();
      throw new DistillModelException(this, "loaded, but its warm-up call failed: " + e.getMessage(),
          e);
    }
    return classifier;
  }

  /** A jar may hold several models: this one's name picks one, a jar of one model needs none. */
  private String nameInside(Path model) {
    if (Files.isDirectory(model)) {
      return null;
    }
    List<String> names = ModelLocator.modelNames(model);
    return names.size() == 1 && !names.contains(name) ? null : name;
  }
}
