package dev.distill.engine.student.imagecnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.distill.engine.student.RowInputs;
import dev.distill.runtime.PixelBatch;

/**
 * A batch of preprocessed images in the two forms an image CNN runs on: float {@code [B, C, H, W]} for its DJL
 * network and the runtime's {@link PixelBatch} ({@code pixel_values}) for its ONNX graph, from the same values.
 */
public final class PixelRowBatch extends RowInputs {
    private final float[][] images;
    private final Shape shape;

    /** @param images each {@code channels * height * width} values, channel-major */
    public PixelRowBatch(float[][] images, int channels, int height, int width) {
        super(new PixelBatch(images, channels, height, width));
        this.images = images;
        this.shape = new Shape(images.length, channels, height, width);
    }

    @Override
    public NDList toNDList(NDManager manager) {
        float[] flat = new float[Math.toIntExact(shape.size())];
        int size = Math.toIntExact(shape.size() / Math.max(1, images.length));
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, flat, i * size, size);
        }
        NDArray array = manager.create(flat, shape);
        return new NDList(array);
    }
}
