package dev.distill.runtime;

import dev.distill.contract.InputKind;
import dev.distill.runtime.image.ImagePreprocessing;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An image ONNX model ({@link InputKind#IMAGE}: {@code pixel_values} float {@code [batch, channels, height,
 * width]}): preprocessed images in, one named 2-D float output ({@code logits}) out. The front beside
 * {@link OnnxTextModel} and {@link OnnxTabularModel} for models that read images; the preprocessing it is loaded
 * with gives the shape of an image, checked against the graph's declared dimensions.
 *
 * <p>Thread-safe, with {@link OnnxTextModel}'s close semantics.
 */
public final class OnnxImageModel implements AutoCloseable {
  private final OnnxFloatModel model;
  private final ImagePreprocessing preprocessing;

  private OnnxImageModel(OnnxFloatModel model, ImagePreprocessing preprocessing) {
    this.model = model;
    this.preprocessing = preprocessing;
  }

  /**
   * Loads a model file that reads {@code pixel_values}, serving the first of {@code outputs} it declares.
   *
   * @param preprocessing what an image is (its channels and size) for this model
   * @throws ModelLoadException naming the file that is missing or corrupt, whose input is not
   *     {@code pixel_values} of the preprocessing's shape, or that declares none of {@code outputs}
   */
  public static OnnxImageModel load(Path modelFile, ImagePreprocessing preprocessing, List<String> outputs,
      int intraOpThreads) {
    return open(ModelBytes.onDisk(modelFile.toAbsolutePath()), preprocessing, outputs, intraOpThreads,
        ClassifierOptions.defaults());
  }

  static OnnxImageModel open(ModelBytes bytes, ImagePreprocessing preprocessing, List<String> outputs,
      int intraOpThreads, ClassifierOptions tuning) {
    OnnxFloatModel model = OnnxFloatModel.open(bytes, InputKind.IMAGE, outputs, intraOpThreads, tuning);
    long[] declared = model.inputShape();
    long[] expected = {-1, preprocessing.channels(), preprocessing.height(), preprocessing.width()};
    for (int d = 1; d < declared.length; d++) {
      if (declared[d] > 0 && declared[d] != expected[d]) {
        model.close();
        throw new ModelLoadException(bytes.location() + " reads pixel_values " + java.util.Arrays.toString(declared)
            + " but its " + ImagePreprocessing.FILE + " makes images of [" + preprocessing.channels() + ", "
            + preprocessing.height() + ", " + preprocessing.width() + "] (channels, height, width): make the"
            + " file's size and image_mean (one per channel) those of the model");
      }
    }
    return new OnnxImageModel(model, preprocessing);
  }

  /**
   * Runs the model on preprocessed images ({@link ImagePreprocessing#pixels}).
   *
   * @return the output, {@code [images.length][width]}
   * @throws IllegalArgumentException naming the first image of another size than the preprocessing's
   * @throws IllegalStateException after {@link #close()}
   */
  public float[][] forward(float[][] images) {
    return model.forward(new PixelBatch(images, preprocessing.channels(), preprocessing.height(),
        preprocessing.width()));
  }

  /**
   * Runs the model on preprocessed images and returns the named outputs, of any rank, each with the images first.
   *
   * @param outputs names of float outputs the model declares, e.g. {@code logits} and a feature map made an output
   * @return each output by name, in the order asked for
   * @throws IllegalArgumentException naming the model and its outputs, for an output it lacks; naming the first image
   *     of another size than the preprocessing's
   * @throws IllegalStateException after {@link #close()}
   */
  public Map<String, FloatTensor> forward(float[][] images, Set<String> outputs) {
    return model.forward(new PixelBatch(images, preprocessing.channels(), preprocessing.height(),
        preprocessing.width()), outputs);
  }

  /** @return the preprocessing it was loaded with */
  public ImagePreprocessing preprocessing() {
    return preprocessing;
  }

  /** @return the output {@link #forward} returns */
  public String outputName() {
    return model.outputName();
  }

  /** @return the output's second dimension, or 0 when the graph leaves it open */
  public int declaredOutputWidth() {
    return model.declaredWidth();
  }

  /** @return the model's path or URL */
  public String location() {
    return model.location();
  }

  @Override
  public void close() {
    model.close();
  }
}
