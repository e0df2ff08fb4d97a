package dev.distill.onnx.bert;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.distill.onnx.Dequantize;
import dev.distill.onnx.OnnxNodes;
import dev.distill.onnx.OnnxTensors;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the linear layers that read a tensor, in the forms exporters write them, and reads their weights as
 * floats:
 * <ul>
 *   <li>{@code MatMul} with a constant weight (a float initializer, or a {@code DequantizeLinear} of an 8-bit one),
 *       then an optional {@code Add} of a constant bias: PyTorch's export;</li>
 *   <li>{@code Gemm} with a constant weight and bias (a classifier head);</li>
 *   <li>{@code DynamicQuantizeLinear → MatMulInteger → Cast → Mul(x scale · w scale)}, then an {@code Add}:
 *       what ONNX Runtime's dynamic quantizer writes (langchain4j's int8 encoders);</li>
 *   <li>ONNX Runtime's fused {@code DynamicQuantizeMatMul}, with an optional bias input or {@code Add}.</li>
 * </ul>
 * An 8-bit weight {@code [inputs, outputs]} has one scale and zero point, or one per output column.
 */
final class LinearReader {

    private final GraphIndex graph;

    LinearReader(GraphIndex graph) {
        this.graph = graph;
    }

    /** A linear layer and the tensor it makes (after its bias). */
    record Found(Linear linear, String output) {
    }

    /** Every linear layer with a constant weight that reads {@code input}. */
    List<Found> readersOf(String input) {
        List<Found> found = new ArrayList<>();
        for (NodeProto node : graph.consumers(input)) {
            if (!OnnxNodes.input(node, 0).equals(input)) {
                continue;
            }
            switch (node.getOpType()) {
                case "MatMul" -> matMul(node).ifPresent(found::add);
                case "Gemm" -> gemm(node).ifPresent(found::add);
                case "DynamicQuantizeMatMul" -> dynamicQuantizeMatMul(node).ifPresent(found::add);
                case "DynamicQuantizeLinear" -> graph.consumers(node.getOutput(0), "MatMulInteger").stream()
                        .map(matMul -> matMulInteger(node, matMul)).flatMap(Optional::stream).forEach(found::add);
                default -> {
                }
            }
        }
        return found;
    }

    private Optional<Found> matMul(NodeProto node) {
        return graph.constant(node.getInput(1)).filter(w -> w.shape().length == 2).map(w -> {
            boolean quantized = graph.producer(node.getInput(1), "DequantizeLinear").isPresent();
            return biased(w.values(), null, w.shape(), quantized, node.getOutput(0));
        });
    }

    private Optional<Found> gemm(NodeProto node) {
        Optional<GraphIndex.FloatTensor> weight = graph.constant(node.getInput(1)).filter(w -> w.shape().length == 2);
        String biasName = OnnxNodes.input(node, 2);
        Optional<GraphIndex.FloatTensor> bias = biasName.isEmpty() ? Optional.empty() : graph.constant(biasName);
        if (weight.isEmpty() || (!biasName.isEmpty() && bias.isEmpty())
                || OnnxNodes.intAttribute(node, "transA", 0) != 0) {
            return Optional.empty();
        }
        float alpha = OnnxNodes.floatAttribute(node, "alpha", 1f);
        float beta = OnnxNodes.floatAttribute(node, "beta", 1f);
        boolean transposed = OnnxNodes.intAttribute(node, "transB", 0) != 0;
        long[] shape = weight.get().shape();
        int inputs = (int) (transposed ? shape[1] : shape[0]);
        int outputs = (int) (transposed ? shape[0] : shape[1]);
        float[] w = scaled(weight.get().values(), alpha);
        float[] b = bias.map(t -> scaled(t.values(), beta)).orElse(new float[outputs]);
        if (b.length != outputs) {
            return Optional.empty();
        }
        Linear linear = transposed ? new Linear(w, b, inputs, outputs, false)
                : Linear.fromMatMul(w, b, inputs, outputs, false);
        return Optional.of(new Found(linear, node.getOutput(0)));
    }

    private Optional<Found> dynamicQuantizeMatMul(NodeProto node) {
        Optional<float[]> weight = quantizedWeight(node.getInput(1), OnnxNodes.input(node, 2),
                OnnxNodes.input(node, 3));
        if (weight.isEmpty()) {
            return Optional.empty();
        }
        long[] shape = OnnxTensors.shape(graph.stored(node.getInput(1)).orElseThrow());
        String biasName = OnnxNodes.input(node, 4);
        float[] bias = biasName.isEmpty() ? null
                : graph.constant(biasName).map(GraphIndex.FloatTensor::values).orElse(null);
        if (!biasName.isEmpty() && bias == null) {
            return Optional.empty();
        }
        return Optional.of(biased(weight.get(), bias, shape, true, node.getOutput(0)));
    }

    /** {@code MatMulInteger(quantize(x), W) → Cast → Mul(·, x scale · W scale)}. */
    private Optional<Found> matMulInteger(NodeProto quantizeInput, NodeProto matMul) {
        String activationScale = quantizeInput.getOutput(1);
        for (NodeProto cast : graph.consumers(matMul.getOutput(0), "Cast")) {
            for (NodeProto rescale : graph.consumers(cast.getOutput(0), "Mul")) {
                Optional<String> weightScale = GraphIndex.otherInput(rescale, cast.getOutput(0))
                        .flatMap(scales -> graph.producer(scales, "Mul"))
                        .flatMap(scales -> GraphIndex.otherInput(scales, activationScale));
                Optional<float[]> weight = weightScale.flatMap(scale ->
                        quantizedWeight(matMul.getInput(1), scale, OnnxNodes.input(matMul, 3)));
                if (weight.isPresent()) {
                    long[] shape = OnnxTensors.shape(graph.stored(matMul.getInput(1)).orElseThrow());
                    return Optional.of(biased(weight.get(), null, shape, true, rescale.getOutput(0)));
                }
            }
        }
        return Optional.empty();
    }

    /** The float values of a constant 8-bit {@code [inputs, outputs]} weight, one scale per tensor or column. */
    private Optional<float[]> quantizedWeight(String weightName, String scaleName, String zeroName) {
        Optional<TensorProto> weight = graph.stored(weightName).filter(w -> w.getDimsCount() == 2);
        Optional<float[]> scale = graph.constant(scaleName).map(GraphIndex.FloatTensor::values);
        Optional<TensorProto> zero = zeroName.isEmpty() ? Optional.empty() : graph.stored(zeroName);
        if (weight.isEmpty() || scale.isEmpty() || (!zeroName.isEmpty() && zero.isEmpty())) {
            return Optional.empty();
        }
        try {
            int[] zeros = zero.map(OnnxTensors::toIntegers).orElse(new int[] {0});
            return Optional.of(Dequantize.values(OnnxTensors.toIntegers(weight.get()),
                    OnnxTensors.shape(weight.get()), scale.get(), zeros, 1));
        } catch (IllegalArgumentException notEightBit) {
            return Optional.empty();
        }
    }

    /** The layer with the bias of an {@code Add} of a constant to {@code product}, when one follows. */
    private Found biased(float[] matMulWeight, float[] bias, long[] shape, boolean quantized, String product) {
        int inputs = (int) shape[0];
        int outputs = (int) shape[1];
        if (bias == null) {
            for (NodeProto add : graph.consumers(product, "Add")) {
                Optional<float[]> constant = GraphIndex.otherInput(add, product).flatMap(graph::constant)
                        .map(GraphIndex.FloatTensor::values).filter(b -> b.length == outputs);
                if (constant.isPresent()) {
                    return new Found(Linear.fromMatMul(matMulWeight, constant.get(), inputs, outputs, quantized),
                            add.getOutput(0));
                }
            }
        }
        return new Found(Linear.fromMatMul(matMulWeight, bias, inputs, outputs, quantized), product);
    }

    private static float[] scaled(float[] values, float factor) {
        if (factor == 1f) {
            return values;
        }
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] * factor;
        }
        return out;
    }
}
