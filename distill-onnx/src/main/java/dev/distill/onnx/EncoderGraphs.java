package dev.distill.onnx;

import static dev.distill.contract.ClassifierGraph.ATTENTION_MASK;
import static dev.distill.contract.ClassifierGraph.LOGITS;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a sentence encoder (inputs {@code input_ids}, {@code attention_mask}[, {@code token_type_ids}];
 * output {@code last_hidden_state} [batch, sequence, hidden]) into a sentence embedder or a classifier.
 * The encoder's own opset is kept.
 */
public final class EncoderGraphs {

    /** The encoder output the heads read. */
    public static final String LAST_HIDDEN_STATE = "last_hidden_state";
    /** The output of {@link #withMeanPooling}. */
    public static final String SENTENCE_EMBEDDING = "sentence_embedding";

    /** sentence-transformers clamps the token count at this, so an all-padding row gives 0, not NaN. */
    private static final float MIN_TOKEN_COUNT = 1e-9f;

    private EncoderGraphs() {
    }

    /**
     * The encoder with masked mean pooling: output {@code sentence_embedding} float [batch, hidden] =
     * sum over t of last_hidden_state[t] * mask[t], divided by max(sum of mask, 1e-9). It replaces the
     * encoder's outputs.
     *
     * @throws IllegalArgumentException if the encoder lacks {@code attention_mask} or {@code last_hidden_state}
     */
    public static ModelProto withMeanPooling(ModelProto encoder) {
        Encoder checked = Encoder.of(encoder);
        OnnxGraph graph = OnnxGraph.extend(encoder).clearOutputs();
        String pooled = meanPool(graph, SENTENCE_EMBEDDING, true);
        graph.output(pooled, DataType.FLOAT, checked.batchDim(), checked.hiddenDim());
        return graph.build();
    }

    /**
     * The encoder with masked mean pooling and a linear layer: output {@code logits} float
     * [batch, classes] = pooled · weightᵀ + bias, the only graph output.
     *
     * @param weight [classes][hidden], PyTorch's Linear layout
     * @param bias   [classes]
     * @throws IllegalArgumentException if the encoder lacks the expected input/output or the head's
     *                                  sizes disagree with each other or with the encoder's hidden size
     */
    public static ModelProto withLinearHead(ModelProto encoder, float[][] weight, float[] bias) {
        Encoder checked = Encoder.of(encoder);
        int hidden = checkHead(weight, bias, checked.hiddenDim());
        OnnxGraph graph = OnnxGraph.extend(encoder).clearOutputs();
        String pooled = meanPool(graph, "pooled", false);
        String weightName = graph.floats("head_weight", flatten(weight, hidden), weight.length, hidden);
        String biasName = graph.floats("head_bias", bias, bias.length);
        String logits = new OnnxOps(graph).linear(pooled, weightName, biasName).exactOutput(LOGITS);
        graph.output(logits, DataType.FLOAT, checked.batchDim(), (long) weight.length);
        return graph.build();
    }

    private static String meanPool(OnnxGraph graph, String outputName, boolean exact) {
        OnnxOps ops = new OnnxOps(graph);
        String mask = ops.unsqueeze(ops.cast(ATTENTION_MASK, DataType.FLOAT, "pool_mask"), "pool_mask3", 2);
        String masked = ops.binary("Mul", LAST_HIDDEN_STATE, mask, "pool_masked");
        String sum = ops.reduceSum(masked, false, "pool_sum", 1);
        String count = ops.reduceSum(mask, false, "pool_count", 1);
        String safeCount = ops.binary("Max", count, graph.scalar("pool_min_count", MIN_TOKEN_COUNT), "pool_safe_count");
        NodeBuilder divide = graph.node("Div").inputs(sum, safeCount);
        return exact ? divide.exactOutput(outputName) : divide.output(outputName);
    }

    private static int checkHead(float[][] weight, float[] bias, Object encoderHidden) {
        if (weight.length == 0) {
            throw new IllegalArgumentException("head weight has no rows: expected [classes][hidden]");
        }
        int hidden = weight[0].length;
        for (int row = 0; row < weight.length; row++) {
            if (weight[row].length != hidden) {
                throw new IllegalArgumentException("head weight row " + row + " has " + weight[row].length
                        + " values, row 0 has " + hidden + ": expected [classes][hidden]");
            }
        }
        if (bias.length != weight.length) {
            throw new IllegalArgumentException("head bias has " + bias.length + " values but the weight has "
                    + weight.length + " rows (classes)");
        }
        if (encoderHidden instanceof Long encoderSize && encoderSize != hidden) {
            throw new IllegalArgumentException("head weight has " + hidden + " columns but the encoder's "
                    + LAST_HIDDEN_STATE + " is " + encoderSize + " wide");
        }
        return hidden;
    }

    private static float[] flatten(float[][] rows, int width) {
        float[] flat = new float[rows.length * width];
        for (int row = 0; row < rows.length; row++) {
            System.arraycopy(rows[row], 0, flat, row * width, width);
        }
        return flat;
    }

    /** The parts of the encoder's signature the heads rely on. */
    private record Encoder(ValueInfoProto attentionMask, ValueInfoProto lastHiddenState) {

        static Encoder of(ModelProto encoder) {
            List<ValueInfoProto> inputs = encoder.getGraph().getInputList();
            List<ValueInfoProto> outputs = encoder.getGraph().getOutputList();
            ValueInfoProto mask = inputs.stream().filter(v -> v.getName().equals(ATTENTION_MASK)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the encoder has no input '" + ATTENTION_MASK
                            + "'; its inputs are " + names(inputs)));
            ValueInfoProto hidden = outputs.stream().filter(v -> v.getName().equals(LAST_HIDDEN_STATE)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the encoder has no output '" + LAST_HIDDEN_STATE
                            + "'; its outputs are " + names(outputs)));
            return new Encoder(mask, hidden);
        }

        /** The batch dimension as declared on attention_mask (a name or a size), "batch" if undeclared. */
        Object batchDim() {
            return dim(attentionMask, 0, "batch");
        }

        /** The hidden size of last_hidden_state, or the name "hidden" if it is not fixed. */
        Object hiddenDim() {
            return dim(lastHiddenState, 2, "hidden");
        }

        private static Object dim(ValueInfoProto value, int index, String fallback) {
            TensorShapeProto shape = value.getType().getTensorType().getShape();
            if (shape.getDimCount() <= index) {
                return fallback;
            }
            TensorShapeProto.Dimension dim = shape.getDim(index);
            if (dim.hasDimValue()) {
                return dim.getDimValue();
            }
            return dim.hasDimParam() ? dim.getDimParam() : fallback;
        }

        private static String names(List<ValueInfoProto> values) {
            return values.stream().map(ValueInfoProto::getName).collect(Collectors.joining(", ", "[", "]"));
        }
    }
}
