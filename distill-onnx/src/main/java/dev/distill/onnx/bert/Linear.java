package dev.distill.onnx.bert;

/**
 * A linear layer read from a teacher, {@code y = x · weightᵀ + bias}, dequantized to floats.
 *
 * @param weight row-major {@code [outputs][inputs]}, PyTorch's {@code Linear} layout (the transpose of ONNX's
 *     {@code MatMul} operand), so that a DJL or PyTorch layer takes it as it is
 * @param bias {@code outputs} values (zeros when the graph has no bias)
 * @param inputs the input width
 * @param outputs the output width
 * @param quantized whether the graph stored the weight as 8-bit integers
 */
public record Linear(float[] weight, float[] bias, int inputs, int outputs, boolean quantized) {

    /** @throws IllegalArgumentException when the arrays do not have the sizes given */
    public Linear {
        if (weight.length != (long) inputs * outputs || bias.length != outputs) {
            throw new IllegalArgumentException("a linear layer of " + inputs + " inputs and " + outputs
                    + " outputs needs " + (long) inputs * outputs + " weights and " + outputs + " biases, not "
                    + weight.length + " and " + bias.length);
        }
    }

    /** The weight's shape, {@code [outputs, inputs]}. */
    public long[] weightShape() {
        return new long[] {outputs, inputs};
    }

    /**
     * A layer from ONNX's {@code MatMul} layout.
     *
     * @param matMulWeight row-major {@code [inputs][outputs]}
     */
    static Linear fromMatMul(float[] matMulWeight, float[] bias, int inputs, int outputs, boolean quantized) {
        float[] transposed = new float[matMulWeight.length];
        for (int i = 0; i < inputs; i++) {
            for (int o = 0; o < outputs; o++) {
                transposed[o * inputs + i] = matMulWeight[i * outputs + o];
            }
        }
        return new Linear(transposed, bias == null ? new float[outputs] : bias, inputs, outputs, quantized);
    }
}
