package dev.distill.engine.student;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

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

    /** One-hot over time of each row's last real position, {@code [B, L, 1]} float. */
    public static NDArray lastPosition(NDArray mask) {
        NDArray last = lengths(mask).sub(1f);
        return positions(mask).eq(last).toType(DataType.FLOAT32, false).expandDims(2);
    }

    /** Picks each row's output at its last real position: {@code [B, L, H] -> [B, H]}. */
    public static NDArray atLastPosition(NDArray outputs, NDArray lastPosition) {
        return outputs.mul(lastPosition).sum(new int[] {1});
    }
}
