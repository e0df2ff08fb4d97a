package dev.distill.runtime.image;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.distill.runtime.ModelLoadException;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What an image classifier does to an image before its graph reads it, as its HuggingFace
 * {@code preprocessor_config.json} says: {@code pixel_values[c][y][x] = (pixel * rescale_factor - image_mean[c]) /
 * image_std[c]}, channel-major ({@code [channels, height, width]}), for images of exactly {@code size}. Images are
 * decoded with DJL's {@link ImageFactory} (on the JDK's {@code javax.imageio}); the 8-bit samples are read from the
 * raster as stored, without a colour conversion, so a grayscale PNG gives the bytes a Python loader gives.
 *
 * <p>distill does not resize: an image of another size, or with other channels than the model's, is refused,
 * naming the image and the model's size, since a resampling that differs from the one the model was trained with
 * moves its answers. The teacher's folder and the student's share this file, so both read an image alike.
 *
 * @param channels 1 (grayscale) or 3 (RGB), the length of {@code image_mean}
 * @param height the rows of pixels ({@code size.height})
 * @param width the pixels per row ({@code size.width})
 * @param rescale what a raw 0..255 sample is multiplied by first ({@code rescale_factor}; 1 without {@code do_rescale})
 * @param mean per channel, subtracted next ({@code image_mean}; 0 without {@code do_normalize})
 * @param std per channel, divided by last ({@code image_std}; 1 without {@code do_normalize})
 */
public record ImagePreprocessing(int channels, int height, int width, float rescale, float[] mean, float[] std) {

  /** The file name in an image classifier's folder. */
  public static final String FILE = "preprocessor_config.json";

  /** @throws IllegalArgumentException naming the value that does not make a preprocessing */
  public ImagePreprocessing {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("an image has 1 (grayscale) or 3 (RGB) channels, not " + channels);
    }
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException("the image size must be positive, not " + height + "x" + width);
    }
    if (mean.length != channels || std.length != channels) {
      throw new IllegalArgumentException("image_mean and image_std need one value per channel (" + channels
          + "), got " + Arrays.toString(mean) + " and " + Arrays.toString(std));
    }
    for (float s : std) {
      if (!(s > 0f)) {
        throw new IllegalArgumentException("image_std values must be > 0, got " + Arrays.toString(std));
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * Reads a {@code preprocessor_config.json}.
   *
   * @throws ModelLoadException naming the file and the key that is missing or wrong, with the fix
   */
  public static ImagePreprocessing read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException("An image classifier needs its " + FILE + " (HuggingFace's image processor"
          + " settings: size, rescale_factor, image_mean, image_std) beside its model.onnx; " + file
          + " does not exist");
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new ModelLoadException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses the text of a {@code preprocessor_config.json}.
   *
   * @param location the file, for messages
   * @throws ModelLoadException naming the file and the key that is missing or wrong
   */
  public static ImagePreprocessing parse(String text, String location) {
    try {
      JsonObject json = JsonParser.parseString(text).getAsJsonObject();
      if (json.has("do_resize") && json.get("do_resize").getAsBoolean() && !json.has("size")) {
        throw new ModelLoadException(location + " asks for do_resize but gives no size");
      }
      JsonObject size = json.has("size") && json.get("size").isJsonObject() ? json.getAsJsonObject("size") : null;
      if (size == null || !size.has("height") || !size.has("width")) {
        throw new ModelLoadException(location + " has no \"size\": {\"height\": h, \"width\": w}: distill"
            + " feeds images of exactly the size the model reads, so it must be written (e.g. {\"height\": 28,"
            + " \"width\": 28})");
      }
      boolean rescale = !json.has("do_rescale") || json.get("do_rescale").getAsBoolean();
      boolean normalize = !json.has("do_normalize") || json.get("do_normalize").getAsBoolean();
      float factor = rescale ? (json.has("rescale_factor") ? json.get("rescale_factor").getAsFloat() : 1f / 255f)
          : 1f;
      if (normalize && (!json.has("image_mean") || !json.has("image_std"))) {
        throw new ModelLoadException(location + " asks for do_normalize but lacks image_mean or image_std"
            + " (one value per channel, e.g. \"image_mean\": [0.286], \"image_std\": [0.353])");
      }
      float[] mean = normalize ? floats(json.get("image_mean")) : null;
      float[] std = normalize ? floats(json.get("image_std")) : null;
      int channels = mean != null ? mean.length : 3;
      if (mean == null) {
        mean = new float[channels];
        std = new float[channels];
        Arrays.fill(std, 1f);
      }
      return new ImagePreprocessing(channels, size.get("height").getAsInt(), size.get("width").getAsInt(), factor,
          mean, std);
    } catch (ModelLoadException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModelLoadException(location + " is not a valid " + FILE + ": " + e.getMessage(), e);
    }
  }

  private static float[] floats(JsonElement element) {
    if (element.isJsonArray()) {
      JsonArray array = element.getAsJsonArray();
      float[] out = new float[array.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = array.get(i).getAsFloat();
      }
      return out;
    }
    return new float[] {element.getAsFloat()};
  }

  /** @return the values of one preprocessed image, {@code channels * height * width} */
  public int size() {
    return channels * height * width;
  }

  /**
   * The text of this preprocessing as a {@code preprocessor_config.json}, for a student's folder: the keys
   * HuggingFace's {@code ViTImageProcessor} reads, {@code do_resize} false.
   */
  public String toJson() {
    StringBuilder out = new StringBuilder("{\n  \"do_normalize\": true,\n  \"do_rescale\": true,\n");
    out.append("  \"do_resize\": false,\n");
    out.append("  \"image_mean\": ").append(list(mean)).append(",\n");
    out.append("  \"image_processor_type\": \"ViTImageProcessor\",\n");
    out.append("  \"image_std\": ").append(list(std)).append(",\n");
    out.append("  \"rescale_factor\": ").append(rescale).append(",\n");
    out.append("  \"size\": {\n    \"height\": ").append(height).append(",\n    \"width\": ").append(width)
        .append("\n  }\n}\n");
    return out.toString();
  }

  private static String list(float[] values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : ", ").append(values[i]);
    }
    return out.append(']').toString();
  }

  /** The value a raw sample of 0 (a black pixel) becomes in channel {@code c}: what padding an image adds. */
  public float black(int c) {
    return (0f * rescale - mean[c]) / std[c];
  }

  /**
   * Decodes and preprocesses an image file (PNG, JPEG, or any format {@code javax.imageio} reads).
   *
   * @throws IllegalArgumentException naming the file when it cannot be decoded or has another size or channels
   */
  public float[] pixels(Path file) {
    Image image;
    try {
      image = ImageFactory.getInstance().fromFile(file);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read the image " + file + ": " + e.getMessage()
          + "; give a PNG or JPEG file", e);
    }
    return pixels((BufferedImage) image.getWrappedImage(), file.toString());
  }

  /**
   * Decodes and preprocesses image files, in order: the rows {@code logits} takes.
   *
   * @throws IllegalArgumentException naming the first file that cannot be decoded or has another size or channels
   */
  public float[][] pixels(List<Path> files) {
    float[][] out = new float[files.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = pixels(files.get(i));
    }
    return out;
  }

  /**
   * Decodes and preprocesses the bytes of an image file.
   *
   * @param source what the bytes are, for messages
   * @throws IllegalArgumentException naming {@code source} when the bytes are no image or have another size
   */
  public float[] pixels(byte[] encoded, String source) {
    Image image;
    try {
      image = ImageFactory.getInstance().fromInputStream(new ByteArrayInputStream(encoded));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read the image " + source + " (" + encoded.length + " bytes): "
          + e.getMessage() + "; give the bytes of a PNG or JPEG file", e);
    }
    return pixels((BufferedImage) image.getWrappedImage(), source);
  }

  /**
   * Preprocesses a decoded image.
   *
   * @param source what the image is, for messages
   * @throws IllegalArgumentException naming {@code source} when it has another size, channels or bit depth
   */
  public float[] pixels(BufferedImage image, String source) {
    if (image.getHeight() != height || image.getWidth() != width) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "the image %s is %dx%d (width x height) but"
          + " the model reads %dx%d (%s size): resize it to that size first, with the resampling the model was"
          + " trained with (distill does not resize)", source, image.getWidth(), image.getHeight(), width, height,
          FILE));
    }
    Raster raster = image.getRaster();
    int bands = image.getColorModel().getNumColorComponents();
    for (int b = 0; b < Math.min(bands, raster.getNumBands()); b++) {
      if (raster.getSampleModel().getSampleSize(b) != 8) {
        throw new IllegalArgumentException("the image " + source + " has " + raster.getSampleModel().getSampleSize(b)
            + "-bit samples; distill reads 8-bit images (rescale_factor is for 0..255): save it with 8 bits per"
            + " channel");
      }
    }
    boolean indexed = image.getType() == BufferedImage.TYPE_BYTE_INDEXED
        || image.getType() == BufferedImage.TYPE_BYTE_BINARY;
    if (!indexed && bands != channels) {
      throw new IllegalArgumentException("the image " + source + " has " + bands + " colour channel"
          + (bands == 1 ? "" : "s") + " but the model reads " + channels + " (" + (channels == 1 ? "grayscale"
              : "RGB") + "): convert it to " + (channels == 1 ? "8-bit grayscale" : "RGB") + " first");
    }
    float[] out = new float[size()];
    int plane = height * width;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        if (indexed) {
          int rgb = image.getRGB(x, y);
          int[] rgbSamples = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
          if (channels == 1 && !(rgbSamples[0] == rgbSamples[1] && rgbSamples[1] == rgbSamples[2])) {
            throw new IllegalArgumentException("the image " + source + " has colour pixels (e.g. at x = " + x
                + ", y = " + y + ") but the model reads grayscale: convert it to 8-bit grayscale first");
          }
          for (int c = 0; c < channels; c++) {
            out[c * plane + i] = normalized(rgbSamples[c], c);
          }
        } else {
          for (int c = 0; c < channels; c++) {
            out[c * plane + i] = normalized(raster.getSample(x, y, c), c);
          }
        }
      }
    }
    return out;
  }

  private float normalized(int sample, int c) {
    float rescaled = sample * rescale;
    return (rescaled - mean[c]) / std[c];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ImagePreprocessing o && channels == o.channels && height == o.height
        && width == o.width && rescale == o.rescale && Arrays.equals(mean, o.mean) && Arrays.equals(std, o.std);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new float[] {channels, height, width, rescale}) * 31 + Arrays.hashCode(mean);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d channel(s) %dx%d, x * %s, mean %s, std %s", channels, width, height,
        rescale, Arrays.toString(mean), Arrays.toString(std));
  }
}
