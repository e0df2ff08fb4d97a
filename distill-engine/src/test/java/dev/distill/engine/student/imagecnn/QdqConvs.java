package dev.distill.engine.student.imagecnn;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.distill.onnx.NodeBuilder;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxTensors;
import java.util.ArrayList;
import java.util.List;

/**
 * For {@link ImageCnnSpeedBenchmark}: the static QDQ form of a float graph's convolutions, which ONNX Runtime fuses
 * into {@code QLinearConv} (uint8 activations with one fixed scale, int8 weights per output channel): input and output
 * of each Conv through {@code QuantizeLinear -> DequantizeLinear}. The activation scales are not calibrated (speed
 * does not depend on them), so the model's answers are meaningless: it measures int8 compute, not its accuracy.
 */
final class QdqConvs {

    private QdqConvs() {
    }

    static ModelProto of(ModelProto fp32, float activationScale) {
        OnnxGraph graph = OnnxGraph.extend(fp32);
        String scale = graph.scalar("act_scale", activationScale);
        String zero = graph.initializer(TensorProto.newBuilder().setName(graph.uniqueName("act_zero"))
                .setDataType(TensorProto.DataType.UINT8.getNumber()).setRawData(ByteString.copyFrom(new byte[] {
                        (byte) 128})).build());
        List<NodeProto> replaced = new ArrayList<>();
        for (NodeProto node : graph.nodes()) {
            if (!node.getOpType().equals("Conv")) {
                continue;
            }
            TensorProto weight = graph.findInitializer(node.getInput(1)).orElseThrow();
            long[] shape = OnnxTensors.shape(weight);
            float[] w = OnnxTensors.toFloats(weight);
            int out = (int) shape[0];
            int per = w.length / out;
            byte[] q = new byte[w.length];
            float[] scales = new float[out];
            for (int o = 0; o < out; o++) {
                float max = 1e-8f;
                for (int k = 0; k < per; k++) {
                    max = Math.max(max, Math.abs(w[o * per + k]));
                }
                scales[o] = max / 127f;
                for (int k = 0; k < per; k++) {
                    q[o * per + k] = (byte) Math.round(w[o * per + k] / scales[o]);
                }
            }
            String wq = graph.node("DequantizeLinear").inputs(graph.int8s(weight.getName() + ".q", q, shape),
                    graph.floats(weight.getName() + ".s", scales, out), graph.int8s(weight.getName() + ".z",
                            new byte[out], out)).attrInt("axis", 0).output(weight.getName() + ".dq");
            String xq = graph.node("QuantizeLinear").inputs(node.getInput(0), scale, zero).output("xq");
            String xdq = graph.node("DequantizeLinear").inputs(xq, scale, zero).output("xdq");
            NodeBuilder conv = graph.node("Conv").inputs(xdq, wq, node.getInput(2));
            for (AttributeProto attribute : node.getAttributeList()) {
                conv.attribute(attribute);
            }
            String y = conv.output("conv");
            String yq = graph.node("QuantizeLinear").inputs(y, scale, zero).output("yq");
            graph.node("DequantizeLinear").inputs(yq, scale, zero).replacingOutputs(node.getOutputList());
            replaced.add(node);
        }
        graph.removeNodes(replaced);
        graph.removeUnusedInitializers();
        graph.sortTopologically();
        return graph.build();
    }
}
