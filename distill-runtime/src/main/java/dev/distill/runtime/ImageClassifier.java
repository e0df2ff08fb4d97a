package dev.distill.runtime;

import dev.distill.runtime.image.ImagePreprocessing;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An image classifier: images in, one {@link Prediction} (or one row of logits) per image out, over a fixed list of
 * {@link #labels()}. It is {@link TextClassifier}'s counterpart for models that read {@code pixel_values} float
 * {@code [batch, channels, height, width]}, such as a distilled {@code IMAGE_CNN} student or the HuggingFace image
 * classifier it was distilled from.
 *
 * <p>The {@code load} methods serve an image classifier folder ({@code model.onnx}, {@code config.json} with
 * {@code id2label}, {@code preprocessor_config.json} with the size, rescale factor, mean and std; no tokenizer),
 * from a path or {@code META-INF/distill/<name>/} on the classpath, with ONNX Runtime:
 *
 * <pre>{@code
 * try (ImageClassifier classifier = ImageClassifier.load(Path.of("target/distill/fashion"))) {
 *   Prediction p = classifier.predict(Path.of("shoe.png"));
 * }
 * }</pre>
 *
 * <p>Images are decoded with DJL's {@code ImageFactory} (the JDK's {@code javax.imageio}) and preprocessed exactly as
 * {@code preprocessor_config.json} says ({@link ImagePreprocessing}); an image of another size or channels is
 * refused, naming it. Thread safety and close semantics are {@link TextClassifier}'s: one instance is shared by all
 * threads, {@link #close()} is idempotent and waits for inferences in flight, a call after it throws
 * {@link IllegalStateException} naming the model; {@link #labels()}, {@link #preprocessing()}, {@link #config()}
 * and {@link #options()} keep working after close.
 */
public interface ImageClassifier extends AutoCloseable {

  /**
   * Loads an image classifier folder with the default options.
   *
   * @throws ModelLoadException naming the file that is missing or does not fit the others
   */
  static ImageClassifier load(Path folder) {
    return load(folder, ClassifierOptions.defaults());
  }

  /**
   * Loads an image classifier folder ({@code maxLength} in the options is not used: there are no tokens).
   *
   * @throws ModelLoadException naming the file that is missing or does not fit the others
   */
  static ImageClassifier load(Path folder, ClassifierOptions options) {
    return OnnxImageClassifier.load(ModelSource.folder(folder), options);
  }

  /**
   * Loads the classifier bundled at {@code META-INF/distill/<name>/} on the thread's context class loader, with
   * the default options.
   *
   * @throws ModelLoadException naming the resource that is missing or does not fit the others
   */
  static ImageClassifier load(String name) {
    return load(name, ClassifierOptions.defaults());
  }

  /**
   * Loads the classifier bundled at {@code META-INF/distill/<name>/} on the thread's context class loader.
   *
   * @throws ModelLoadException naming the resource that is missing or does not fit the others
   */
  static ImageClassifier load(String name, ClassifierOptions options) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(name, loader != null ? loader : ImageClassifier.class.getClassLoader(), options);
  }

  /**
   * Loads the classifier bundled at {@code META-INF/distill/<name>/} on {@code loader}.
   *
   * @throws ModelLoadException naming the resource that is missing or does not fit the others
   */
  static ImageClassifier load(String name, ClassLoader loader, ClassifierOptions options) {
    Objects.requireNonNull(loader, "loader");
    return OnnxImageClassifier.load(ModelSource.classpath(loader, name, ""), options);
  }

  /**
   * Classifies a decoded image.
   *
   * @throws IllegalArgumentException if the image has another size or channels than the model reads
   */
  default Prediction predict(BufferedImage image) {
    Objects.requireNonNull(image, "image is null");
    return prediction(preprocessing().pixels(image, "given as a BufferedImage"));
  }

  /**
   * Classifies an image file (PNG, JPEG, ...).
   *
   * @throws IllegalArgumentException naming the file when it cannot be decoded or has another size or channels
   */
  default Prediction predict(Path image) {
    Objects.requireNonNull(image, "image is null");
    return prediction(preprocessing().pixels(image));
  }

  /**
   * Classifies the bytes of an image file (PNG, JPEG, ...).
   *
   * @throws IllegalArgumentException when the bytes are no image or it has another size or channels
   */
  default Prediction predict(byte[] image) {
    Objects.requireNonNull(image, "image is null");
    return prediction(preprocessing().pixels(image, "given as bytes"));
  }

  private Prediction prediction(float[] pixels) {
    return Prediction.fromLogits(logits(new float[][] {pixels})[0], labels());
  }

  /**
   * Classifies several image files, one prediction per file, in order, in batches of
   * {@link ClassifierOptions#batchSize()}.
   *
   * @throws IllegalArgumentException naming the first file that cannot be read
   */
  default List<Prediction> predictBatch(List<Path> images) {
    return predictions(logits(preprocessing().pixels(images)));
  }

  /**
   * Classifies several decoded images, one prediction per image, in order.
   *
   * @throws IllegalArgumentException naming the first image of another size or channels (by its index)
   */
  default List<Prediction> predictImages(List<BufferedImage> images) {
    float[][] pixels = new float[images.size()][];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = preprocessing().pixels(images.get(i), "number " + i + " of the batch");
    }
    return predictions(logits(pixels));
  }

  private List<Prediction> predictions(float[][] logits) {
    List<Prediction> predictions = new ArrayList<>(logits.length);
    for (float[] row : logits) {
      predictions.add(Prediction.fromLogits(row, labels()));
    }
    return predictions;
  }

  /**
   * The logits of preprocessed images.
   *
   * @param pixelValues each image as {@link ImagePreprocessing#pixels} gives it ({@code channels * height * width})
   * @return {@code [pixelValues.length][labels().size()]}
   * @throws IllegalArgumentException naming the first image of another size than the model's
   */
  float[][] logits(float[][] pixelValues);

  /** @return the labels, in logit order */
  List<String> labels();

  /** @return how an image becomes {@code pixel_values} for this model (its preprocessor_config.json) */
  ImagePreprocessing preprocessing();

  /** @return the folder's config.json */
  ModelConfig config();

  /** @return the options it was loaded with */
  ClassifierOptions options();

  /** Frees the native session once inferences in flight have finished. Idempotent. */
  @Override
  void close();
}
