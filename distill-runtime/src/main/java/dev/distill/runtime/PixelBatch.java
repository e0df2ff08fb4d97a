package dev.distill.runtime;

import dev.distill.contract.ClassifierGraph;
import dev.distill.contract.InputKind;

/**
 * A batch of images ({@link InputKind#IMAGE}), each preprocessed into {@code channels x height x width} floats
 * (channel-major, as {@code image.ImagePreprocessing} lays them out), fed as {@code pixel_values} float
 * {@code [batch, channels, height, width]}.
 */
public final class PixelBatch extends FloatBatch {

  /**
   * @param images the examples, each {@code channels * height * width} values
   * @throws IllegalArgumentException naming the first image of another size
   */
  public PixelBatch(float[][] images, int channels, int height, int width) {
    super(InputKind.IMAGE, ClassifierGraph.PIXEL_VALUES, images, new long[] {channels, height, width}, "pixels");
  }
}
