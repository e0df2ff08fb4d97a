package dev.distill.onnx.quantize;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.distill.onnx.NodeBuilder;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxTensors;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Weight-only int8 for {@code Conv}: the weight is stored as int8 with one scale per output channel and
 * dequantized into the same float Conv. Smaller, not faster (ONNX Runtime's ConvInteger is slower than a
 * float Conv), so it is off by default.
 */
final class ConvWeightQuantizer implements NodeQuantizer {

    static final String OP = "DequantizeLinear->Conv";

    @Override
    public Optional<List<QuantizationReport.Entry>> rewrite(NodeProto node, OnnxGraph graph) {
        if (!node.getOpType().equals("Conv") || !node.getDomain().isEmpty()) {
            return Optional.empty();
        }
        Optional<TensorProto> weight = graph.findInitializer(node.getInput(1))
                .filter(t -> t.getDataType() == TensorProto.DataType.FLOAT.getNumber() && t.getDimsCount() >= 3);
        if (weight.isEmpty()) {
            return Optional.empty();
        }
        TensorProto fp32 = weight.get();
        long[] shape = OnnxTensors.shape(fp32);
        int outChannels = Math.toIntExact(shape[0]);
        int perChannel = Math.toIntExact(OnnxTensors.elementCount(Arrays.copyOfRange(shape, 1, shape.length)));
        SymmetricInt8 quantized = SymmetricInt8.perRow(OnnxTensors.toFloats(fp32), outChannels, perChannel);
        String name = fp32.getName();
        String dequantized = graph.node("DequantizeLinear")
                .inputs(graph.int8s(name + ".int8", quantized.values, shape),
                        graph.floats(name + ".scale", quantized.scales, outChannels),
                        graph.int8s(name + ".zero_point", new byte[outChannels], outChannels))
                .attrInt("axis", 0)
                .output(name + ".dequantized");
        List<String> inputs = new java.util.ArrayList<>(node.getInputList());
        inputs.set(1, dequantized);
        NodeBuilder conv = graph.node("Conv").inputs(inputs.toArray(String[]::new));
        for (AttributeProto attribute : node.getAttributeList()) {
            conv.attribute(attribute);
        }
        conv.replacingOutputs(node.getOutputList());
        return Optional.of(List.of(NodeQuantizer.entry(fp32, OP, outChannels, outChannels)));
    }
}
