package dev.distill.onnx.student;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxOps;

/**
 * Pieces every student graph shares, written on one graph whose inputs are input_ids and attention_mask; an
 * architecture's {@link StudentGraphWriter} writes its layers with them.
 */
public final class StudentLayers {

    /**
     * How far below a real value a padded position is put before a max over the sequence
     * ({@link #maxOverRealTokens}): far more than embeddings or LSTM states span (a few units at most), and small
     * enough that float32 keeps the sum.
     */
    public static final float PADDING_SHIFT = 1e4f;

    private final OnnxGraph graph;
    private final OnnxOps ops;
    private final StudentWeights weights;
    private String maskFloat;
    private String mask3;
    private String embedded;

    StudentLayers(OnnxGraph graph, StudentWeights weights) {
        this.graph = graph;
        this.ops = new OnnxOps(graph);
        this.weights = weights;
    }

    /** The graph being written. */
    public OnnxGraph graph() {
        return graph;
    }

    /** Common operators on that graph. */
    public OnnxOps ops() {
        return ops;
    }

    /** The float initializer of student weight {@code name}, stored under that name. */
    public String weight(String name) {
        Tensor tensor = weights.get(name);
        return graph.floats(name, tensor.data(), tensor.shape());
    }

    /** A float initializer computed from the student weights (e.g. re-laid-out). */
    public String derived(String name, float[] data, long... shape) {
        return graph.floats(name, data, shape);
    }

    /** The student weight {@code name}, for a writer that lays it out anew ({@link #derived}). */
    public Tensor tensor(String name) {
        return weights.get(name);
    }

    /** embedding[input_ids]: [batch, sequence, d]; one lookup however often it is asked for. */
    public String embedded() {
        if (embedded == null) {
            embedded = graph.node("Gather").inputs(weight("embedding"), ClassifierGraph.INPUT_IDS).output("embedded");
        }
        return embedded;
    }

    /** attention_mask as float [batch, sequence]. */
    public String maskFloat() {
        if (maskFloat == null) {
            maskFloat = ops.cast(ClassifierGraph.ATTENTION_MASK, DataType.FLOAT, "mask");
        }
        return maskFloat;
    }

    /** attention_mask as float [batch, sequence, 1], to scale or shift token vectors. */
    public String mask3() {
        if (mask3 == null) {
            mask3 = ops.unsqueeze(maskFloat(), "mask3", 2);
        }
        return mask3;
    }

    /**
     * The per-feature max of {@code x} {@code [batch, sequence, k]} over the real tokens: {@code [batch, k]}. A padded
     * position is shifted down by {@link #PADDING_SHIFT} first, so a real one always wins and passes unchanged.
     */
    public String maxOverRealTokens(String x, String outputBase) {
        String shift = ops.binary("Mul", ops.binary("Sub", mask3(), graph.floats("one", new float[] {1f}), "padding"),
                graph.floats("padding_shift", new float[] {PADDING_SHIFT}), "padding_shift");
        return ops.reduceMax(ops.binary("Add", x, shift, outputBase + "_shifted"), false, outputBase, 1);
    }

    /** embedding[input_ids] * mask: padded positions are zero vectors. [batch, sequence, d]. */
    public String maskedEmbedded() {
        return ops.binary("Mul", embedded(), mask3(), "masked_embedded");
    }

    /** x W^T + b for the student's Linear layer {@code prefix} ({@code prefix.w}, {@code prefix.b}). */
    public String linear(String x, String prefix) {
        return ops.linear(x, weight(prefix + ".w"), weight(prefix + ".b")).output(prefix.replace('.', '_'));
    }

    /** ReLU of {@code x}, output {@code x_relu}. */
    public String relu(String x) {
        return graph.node("Relu").inputs(x).output(x + "_relu");
    }
}
