package dev.distill.onnx.quantize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link DynamicInt8Quantizer} changed: one entry per quantized weight tensor.
 *
 * @param entries the quantized tensors, in graph order
 */
public record QuantizationReport(List<Entry> entries) {

    /**
     * One quantized tensor.
     *
     * @param tensor    the float initializer's name in the input graph
     * @param op        the operator that now consumes it, e.g. {@code com.microsoft.DynamicQuantizeLSTM}
     * @param fp32Bytes the float tensor's size
     * @param int8Bytes the int8 values plus their scales and zero points
     */
    public record Entry(String tensor, String op, long fp32Bytes, long int8Bytes) {
    }

    /** Keeps an immutable copy of the entries. */
    public QuantizationReport {
        entries = List.copyOf(entries);
    }

    /** Sum of the quantized tensors' float sizes. */
    public long fp32Bytes() {
        return entries.stream().mapToLong(Entry::fp32Bytes).sum();
    }

    /** Sum of their int8 sizes (values, scales and zero points). */
    public long int8Bytes() {
        return entries.stream().mapToLong(Entry::int8Bytes).sum();
    }

    /**
     * One line saying which tensors became int8 and how, grouped by operator, e.g.
     * {@code embedding (Gather(int8)*row_scale); layer0.query.w_t, layer0.key.w_t (DequantizeLinear->MatMul)}; or
     * {@code nothing} for an empty report.
     */
    public String summary() {
        if (entries.isEmpty()) {
            return "nothing";
        }
        Map<String, List<String>> byOp = new LinkedHashMap<>();
        entries.forEach(e -> byOp.computeIfAbsent(e.op(), op -> new ArrayList<>()).add(e.tensor()));
        return byOp.entrySet().stream().map(e -> String.join(", ", e.getValue()) + " (" + e.getKey() + ")")
                .collect(Collectors.joining("; "));
    }

    /** A compact JSON rendering, stored in the model's metadata. */
    public String toJson() {
        return entries.stream()
                .map(e -> "{\"tensor\":\"" + escape(e.tensor()) + "\",\"op\":\"" + escape(e.op())
                        + "\",\"fp32_bytes\":" + e.fp32Bytes() + ",\"int8_bytes\":" + e.int8Bytes() + "}")
                .collect(Collectors.joining(",", "{\"fp32_bytes\":" + fp32Bytes() + ",\"int8_bytes\":"
                        + int8Bytes() + ",\"tensors\":[", "]}"));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
