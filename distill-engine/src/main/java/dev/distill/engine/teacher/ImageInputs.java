package dev.distill.engine.teacher;

import dev.distill.contract.InputKind;
import java.util.Objects;

/**
 * Preprocessed images, as an image teacher reads them ({@link InputKind#IMAGE}).
 *
 * @param pixels the examples, each {@code channels * height * width} values, channel-major
 */
public record ImageInputs(float[][] pixels) implements FloatRows {

    public ImageInputs {
        Objects.requireNonNull(pixels, "pixels");
    }

    @Override
    public InputKind kind() {
        return InputKind.IMAGE;
    }

    @Override
    public int size() {
        return pixels.length;
    }

    @Override
    public float[][] values() {
        return pixels;
    }
}
