package dev.distill.onnx.quantize;

/**
 * Symmetric int8 quantization with one scale per row: q = round(x / s), s = max|row| / 127, so that
 * x ≈ q * s and 0 stays exactly 0.
 */
final class SymmetricInt8 {

    private static final float LEVELS = 127f;

    final byte[] values;
    final float[] scales;
    final int rows;
    final int cols;

    private SymmetricInt8(byte[] values, float[] scales, int rows, int cols) {
        this.values = values;
        this.scales = scales;
        this.rows = rows;
        this.cols = cols;
    }

    /** Quantizes a row-major [rows, cols] matrix with one scale per row. */
    static SymmetricInt8 perRow(float[] data, int rows, int cols) {
        byte[] values = new byte[data.length];
        float[] scales = new float[rows];
        for (int r = 0; r < rows; r++) {
            float max = 0;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, Math.abs(data[r * cols + c]));
            }
            // An all-zero row keeps scale 1 so that nothing divides by zero; its values quantize to 0.
            float scale = max == 0 ? 1f : max / LEVELS;
            scales[r] = scale;
            for (int c = 0; c < cols; c++) {
                long q = Math.round(data[r * cols + c] / scale);
                values[r * cols + c] = (byte) Math.max(-LEVELS, Math.min(LEVELS, q));
            }
        }
        return new SymmetricInt8(values, scales, rows, cols);
    }

    /** The int8 values transposed to [cols, rows]. */
    byte[] transposed() {
        byte[] out = new byte[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = values[r * cols + c];
            }
        }
        return out;
    }
}
