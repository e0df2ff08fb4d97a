package dev.distill.engine.student.imagecnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.distill.contract.InputKind;
import dev.distill.engine.student.StudentInputs;
import dev.distill.runtime.PixelBatch;
import dev.distill.runtime.TensorBuffers;
import java.util.Map;
import java.util.Set;

/**
 * A batch of preprocessed images in the two forms an image CNN runs on: float {@code [B, C, H, W]} for its DJL
 * network and the runtime's {@link PixelBatch} ({@code pixel_values}) for its ONNX graph, from the same values.
 */
public final class PixelRowBatch implements StudentInputs {
    private final float[][] images;
    private final PixelBatch onnx;
    private final Shape shape;

    /** @param images each {@code channels * height * width} values, channel-major */
    public PixelRowBatch(float[][] images, int channels, int height, int width) {
        this.images = images;
        this.onnx = new PixelBatch(images, channels, height, width);
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

    @Override
    public InputKind kind() {
        return InputKind.IMAGE;
    }

    @Override
    public int size() {
        return images.length;
    }

    @Override
    public void addTensors(OrtEnvironment environment, Set<String> declared, TensorBuffers buffers,
            Map<String, OnnxTensor> into) throws OrtException {
        onnx.addTensors(environment, declared, buffers, into);
    }

    @Override
    public String describe() {
        return onnx.describe();
    }
}
