package dev.distill.onnx.quantize;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.distill.onnx.OnnxGraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Dynamic int8 quantization as a graph-to-graph transform, usable on any float student graph (and on
 * other graphs with the same patterns). Weights become int8 with symmetric per-row/per-channel scales;
 * activations stay float or are quantized on the fly inside ONNX Runtime's contrib ops:
 * <ul>
 *   <li>embedding lookups ({@code Gather} on a float [V, d] table): int8 table, per-row scale;</li>
 *   <li>{@code LSTM}: {@code com.microsoft.DynamicQuantizeLSTM};</li>
 *   <li>{@code Gemm}/{@code MatMul} with at least {@link #withMinDenseElements minDenseElements} weights:
 *       {@code com.microsoft.DynamicQuantizeMatMul}, or weight-only int8 dequantized into a float {@code MatMul}
 *       when {@link #withDenseWeightsOnly enabled}; {@link #withFloatLayers named} layers stay float;</li>
 *   <li>{@code Conv}: float by default; weight-only int8 when {@link #withConvWeightsInt8 enabled}.</li>
 * </ul>
 * The report is stored in the model's metadata under {@value #METADATA_KEY}.
 */
public final class DynamicInt8Quantizer {

    /** Metadata key of the quantization report (JSON). */
    public static final String METADATA_KEY = "distill.quantization";
    /** Dense layers below 16K weights (64 KB) stay float by default. */
    public static final long DEFAULT_MIN_DENSE_ELEMENTS = 16_384;

    private final long minDenseElements;
    private final boolean convWeightsInt8;
    private final boolean lstmInt8;
    private final boolean denseInt8;
    private final boolean denseWeightsOnly;
    private final Set<String> floatLayers;

    /** The defaults: embeddings, LSTMs and dense layers of at least 16K weights; Conv stays float. */
    public DynamicInt8Quantizer() {
        this(DEFAULT_MIN_DENSE_ELEMENTS, false, true, true, false, Set.of());
    }

    private DynamicInt8Quantizer(long minDenseElements, boolean convWeightsInt8, boolean lstmInt8,
            boolean denseInt8, boolean denseWeightsOnly, Set<String> floatLayers) {
        this.minDenseElements = minDenseElements;
        this.convWeightsInt8 = convWeightsInt8;
        this.lstmInt8 = lstmInt8;
        this.denseInt8 = denseInt8;
        this.denseWeightsOnly = denseWeightsOnly;
        this.floatLayers = floatLayers;
    }

    /** Quantize dense layers whose weight has at least this many values (0: all of them). */
    public DynamicInt8Quantizer withMinDenseElements(long minElements) {
        if (minElements < 0) {
            throw new IllegalArgumentException("minDenseElements must be >= 0, was " + minElements);
        }
        return new DynamicInt8Quantizer(minElements, convWeightsInt8, lstmInt8, denseInt8, denseWeightsOnly,
                floatLayers);
    }

    /** Store Conv weights as int8 (dequantized into a float Conv at run time): smaller, not faster. */
    public DynamicInt8Quantizer withConvWeightsInt8(boolean enabled) {
        return new DynamicInt8Quantizer(minDenseElements, enabled, lstmInt8, denseInt8, denseWeightsOnly,
                floatLayers);
    }

    /**
     * Quantize LSTMs with {@code DynamicQuantizeLSTM} (the default). ONNX Runtime picks that op's input
     * scale per call over the whole batch, so a text's answer can move with its batch companions; a model
     * whose answers must not move keeps its LSTM in float and its embedding and dense layers int8.
     */
    public DynamicInt8Quantizer withLstmInt8(boolean enabled) {
        return new DynamicInt8Quantizer(minDenseElements, convWeightsInt8, enabled, denseInt8, denseWeightsOnly,
                floatLayers);
    }

    /**
     * Quantize dense layers ({@code Gemm}, {@code MatMul} with a constant weight) of at least
     * {@link #withMinDenseElements minDenseElements} weights (the default). Their {@code DynamicQuantizeMatMul}
     * quantizes its input with one scale per call, so a model whose answers must not move keeps them in float.
     */
    public DynamicInt8Quantizer withDenseInt8(boolean enabled) {
        return new DynamicInt8Quantizer(minDenseElements, convWeightsInt8, lstmInt8, enabled, denseWeightsOnly,
                floatLayers);
    }

    /**
     * Quantize the dense layers' weights only (when {@link #withDenseInt8 dense layers are quantized}): int8 with one
     * symmetric scale per output column after each input row is divided by the square root of its largest
     * magnitude (the input is multiplied by it), dequantized into a float {@code MatMul}. Their activations stay float, so
     * nothing is rounded with one scale per call over the batch; the layers are four times smaller but no faster.
     * For a network whose answers {@code DynamicQuantizeMatMul}'s activation rounding moves too much (a transformer,
     * whose every linear layer reads the rounded output of the one before: measured in docs/export.md).
     */
    public DynamicInt8Quantizer withDenseWeightsOnly(boolean enabled) {
        return new DynamicInt8Quantizer(minDenseElements, convWeightsInt8, lstmInt8, denseInt8, enabled,
                floatLayers);
    }

    /**
     * Keeps float the dense layers whose weight initializer has one of these names, whatever the other layers get. For
     * a layer whose input ranges differ column by column with the data, so that {@code DynamicQuantizeMatMul}'s one
     * input scale per call rounds most columns away: an MLP's first layer reads standardised features, where a rare
     * 0/1 column reaches 1/sqrt(p) (about 100 for a category seen once in 10,000 rows) while the measurements stay
     * within a few units. Float, not weight-only int8: on one row, dequantizing a weight on every call costs more
     * than the whole int8 rest of a small network (measured in docs/export.md).
     *
     * @param weights initializer names, such as {@code fc1.w}; none: no layer is singled out
     */
    public DynamicInt8Quantizer withFloatLayers(String... weights) {
        return new DynamicInt8Quantizer(minDenseElements, convWeightsInt8, lstmInt8, denseInt8, denseWeightsOnly,
                Set.of(weights));
    }

    /** Whether dense layers are quantized. */
    public boolean denseInt8() {
        return denseInt8;
    }

    /** Whether quantized dense layers keep float activations ({@link #withDenseWeightsOnly}). */
    public boolean denseWeightsOnly() {
        return denseWeightsOnly;
    }

    /** Whether LSTMs are quantized. */
    public boolean lstmInt8() {
        return lstmInt8;
    }

    /**
     * The quantized model and what was quantized. A graph with nothing to quantize comes back unchanged
     * apart from an empty report in its metadata.
     */
    public QuantizedModel quantize(ModelProto fp32) {
        List<NodeQuantizer> quantizers = new ArrayList<>(List.of(new EmbeddingQuantizer()));
        if (denseInt8) {
            Predicate<String> quantized = weight -> !floatLayers.contains(weight);
            quantizers.add(denseWeightsOnly ? new DenseWeightQuantizer(minDenseElements, quantized)
                    : new DenseQuantizer(minDenseElements, quantized));
        }
        if (lstmInt8) {
            quantizers.add(new LstmQuantizer());
        }
        if (convWeightsInt8) {
            quantizers.add(new ConvWeightQuantizer());
        }
        OnnxGraph graph = OnnxGraph.extend(fp32);
        List<NodeProto> replaced = new ArrayList<>();
        List<QuantizationReport.Entry> entries = new ArrayList<>();
        for (NodeProto node : graph.nodes()) {
            for (NodeQuantizer quantizer : quantizers) {
                Optional<List<QuantizationReport.Entry>> quantized = quantizer.rewrite(node, graph);
                if (quantized.isPresent()) {
                    replaced.add(node);
                    entries.addAll(quantized.get());
                    break;
                }
            }
        }
        graph.removeNodes(replaced);
        graph.removeUnusedInitializers();
        graph.sortTopologically();
        QuantizationReport report = new QuantizationReport(entries);
        graph.metadata(METADATA_KEY, report.toJson());
        return new QuantizedModel(graph.build(), report);
    }
}
