package dev.distill.onnx;

/**
 * Linear dequantization of 8-bit values, {@code (q - zero) * scale}, with one scale and zero point for the whole
 * tensor or one per slice along an axis: ONNX's {@code DequantizeLinear}, and the weights of {@code MatMulInteger}
 * and {@code DynamicQuantizeMatMul} (one per output column, the last axis).
 */
public final class Dequantize {

    private Dequantize() {
    }

    /**
     * The float values of an 8-bit tensor.
     *
     * @param quantized the 8-bit values, row-major in {@code shape}
     * @param scales one, or one per index of {@code axis}
     * @param zeros one, or one per index of {@code axis}
     * @throws IllegalArgumentException when the counts fit neither
     */
    public static float[] values(int[] quantized, long[] shape, float[] scales, int[] zeros, int axis) {
        long along = shape.length == 0 ? 1 : shape[axis];
        if ((scales.length != 1 && scales.length != along) || (zeros.length != 1 && zeros.length != along)) {
            throw new IllegalArgumentException(scales.length + " scales and " + zeros.length + " zero points for a"
                    + " tensor of " + along + " slices along axis " + axis + ": expected 1 or " + along);
        }
        long inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        float[] out = new float[quantized.length];
        for (int i = 0; i < out.length; i++) {
            int slice = (int) ((i / inner) % along);
            out[i] = (quantized[i] - zeros[zeros.length == 1 ? 0 : slice]) * scales[scales.length == 1 ? 0 : slice];
        }
        return out;
    }
}
