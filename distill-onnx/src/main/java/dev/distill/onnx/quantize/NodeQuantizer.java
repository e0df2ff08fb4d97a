package dev.distill.onnx.quantize;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.distill.onnx.OnnxGraph;

import java.util.List;
import java.util.Optional;

/** Replaces one kind of float node by an int8 equivalent. */
interface NodeQuantizer {

    /**
     * If this quantizer handles {@code node}, appends its replacement to {@code graph} (producing the same
     * output names) and returns the tensors it quantized; otherwise returns empty and changes nothing.
     */
    Optional<List<QuantizationReport.Entry>> rewrite(NodeProto node, OnnxGraph graph);

    /** The float initializer {@code name} of the given rank, if {@code name} is one. */
    static Optional<TensorProto> floatInitializer(OnnxGraph graph, String name, int rank) {
        return graph.findInitializer(name)
                .filter(t -> t.getDataType() == DataType.FLOAT.getNumber() && t.getDimsCount() == rank);
    }

    /** The report entry for a tensor stored as int8 values plus float scales and int8 zero points. */
    static QuantizationReport.Entry entry(TensorProto fp32, String op, long scaleCount, long zeroPointCount) {
        long values = fp32.getDimsList().stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact);
        return new QuantizationReport.Entry(fp32.getName(), op, values * Float.BYTES,
                values + scaleCount * Float.BYTES + zeroPointCount);
    }
}
