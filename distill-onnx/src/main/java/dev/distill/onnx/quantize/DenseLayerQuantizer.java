package dev.distill.onnx.quantize;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.distill.onnx.OnnxGraph;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A quantizer of the dense layers ({@link DenseLayer}: a plain {@code Gemm} or a {@code MatMul} with a constant weight)
 * of at least {@code minElements} weights whose weight's name {@code takes}; smaller layers, and those it does not
 * take, stay float. The int8 forms differ only in what replaces the layer ({@link #replace}).
 */
abstract class DenseLayerQuantizer implements NodeQuantizer {

    private final long minElements;
    private final Predicate<String> takes;

    DenseLayerQuantizer(long minElements, Predicate<String> takes) {
        this.minElements = minElements;
        this.takes = takes;
    }

    @Override
    public final Optional<List<QuantizationReport.Entry>> rewrite(NodeProto node, OnnxGraph graph) {
        return DenseLayer.of(node, graph, minElements).filter(layer -> takes.test(layer.weight().getName()))
                .map(layer -> replace(layer, node, graph));
    }

    /**
     * Appends the int8 replacement of {@code layer}, the dense layer {@code node} computes, producing its outputs.
     *
     * @return the tensors quantized
     */
    abstract List<QuantizationReport.Entry> replace(DenseLayer layer, NodeProto node, OnnxGraph graph);
}
