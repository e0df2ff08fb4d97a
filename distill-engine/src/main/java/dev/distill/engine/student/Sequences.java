package dev.distill.engine.student;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.distill.onnx.student.StudentLayers;

/** Length arithmetic on padded batches (padding always at the end of a row). */
public final class Sequences {

    private Sequences() {}

    /** Real tokens per row, {@code [B, 1]} float. */
    public static NDArray lengths(NDArray mask) {
        return mask.sum(new int[] {1}, true);
    }

    /** Time positions {@code 0..L-1} as a float row {@code [1, L]}. */
    public static NDArray positions(NDArray mask) {
        long length = mask.getShape().get(1);
        return mask.getManager().arange(0f, (float) length).reshape(1, length);
    }

    /**
     * Each row's token vectors {@code [B, L, d]} reversed within its length; padding stays where it
     * is, so a left-to-right LSTM over the result reads the real tokens right to left and then the
     * padding. (Reversing the vectors rather than the ids saves a second embedding lookup, whose
     * gradient is a dense {@code [V, d]} table.)
     */
    public static NDArray reverseWithinLength(NDArray tokens, NDArray mask) {
        NDArray lengths = lengths(mask);
        NDArray t = positions(mask);
        NDArray reversed = lengths.sub(1f).sub(t);
        NDArray source = NDArrays.where(t.lt(lengths), reversed, t.broadcast(mask.getShape()));
        Shape shape = tokens.getShape();
        NDArray index = source.toType(DataType.INT64, false).expandDims(2).broadcast(shape);
        return tokens.gather(index, 1);
    }

    /**
     * The per-feature max of {@code x} {@code [B, L, k]} over each row's real positions: {@code [B, k]}. Padded
     * positions are shifted down by {@link StudentLayers#PADDING_SHIFT} first, as the exported graphs do, so a real
     * value always wins and passes unchanged.
     */
    public static NDArray maxOverRealPositions(NDArray x, NDArray mask) {
        return x.add(mask.sub(1f).mul(StudentLayers.PADDING_SHIFT).expandDims(2)).max(new int[] {1});
    }
}
