package dev.distill.engine.student.bilstm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import dev.distill.engine.student.Sequences;
import dev.distill.engine.student.StudentNetwork;
import dev.distill.engine.student.StudentOutputs;
import java.util.Map;

/**
 * The BiLSTM student of Tang et al. (2019), pooled as Conneau et al.'s (2017) BiLSTM-max: embeddings, a
 * bidirectional LSTM, the per-unit max of each direction's states over the real tokens, concatenated
 * [fwd, bwd], a ReLU layer of H units and the output layer.
 *
 * <p>Tang et al. read the two final states (forward after the last real token, backward after token 0);
 * the max over every position lets a word anywhere in the text reach the head without surviving the rest
 * of the recurrence. Measured on SST-2 with the reference teacher, the teacher's embeddings and the
 * hidden-state term, 2 epochs, one thread, the same machine and cache: 86.12% int8 with the final
 * states, 87.04% with the max (README, "Quality ablation").
 *
 * <p>DJL's bidirectional LSTM with biases fails on the PyTorch engine (its parameters reach
 * PyTorch in the wrong order), so the two directions are two one-directional LSTM blocks; the
 * backward one reads each row reversed within its length. A one-directional block's parameters
 * arrive in PyTorch's order and layout (w_ih, w_hh, b_ih, b_hh; gates i, f, g, o).
 */
public final class BiLstmStudent extends StudentNetwork<BiLstmGraph> {

    private final LSTM forward;
    private final LSTM backward;
    private final Linear fc1;
    private final Linear out;

    BiLstmStudent(BiLstmGraph graph, float dropout) {
        super(graph, dropout);
        forward = addChildBlock("lstm_fwd", lstm(graph.hiddenSize()));
        backward = addChildBlock("lstm_bwd", lstm(graph.hiddenSize()));
        fc1 = addChildBlock("fc1", linear(graph.hiddenSize()));
        out = addChildBlock("out", linear(graph.sizes().numClasses()));
        setDefaultInitializers();
    }

    private static LSTM lstm(int hiddenSize) {
        return LSTM.builder()
                .setStateSize(hiddenSize)
                .setNumLayers(1)
                .optBatchFirst(true)
                .optHasBiases(true)
                .optReturnState(false)
                .build();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        int d = sizes().embeddingSize();
        int h = graph().hiddenSize();
        Shape sequence = new Shape(new long[] {1, 2, d}, "NTC");
        forward.initialize(manager, dataType, sequence);
        backward.initialize(manager, dataType, sequence);
        fc1.initialize(manager, dataType, new Shape(1, 2L * h));
        out.initialize(manager, dataType, new Shape(1, h));
    }

    @Override
    protected StudentOutputs outputs(ParameterStore parameterStore, NDArray ids, NDArray mask, boolean training) {
        NDArray tokens = embed(parameterStore, ids, training);
        NDArray reversedTokens = Sequences.reverseWithinLength(tokens, mask);
        // [B, L, 2H] = (fwd[t], bwd[t']), one max over both as in the graph: the backward block's real positions are
        // the first ones too (reversed within the length), and a max does not care about their order.
        NDArray states = apply(forward, parameterStore, tokens, training)
                .concat(apply(backward, parameterStore, reversedTokens, training), 2);
        NDArray sentence = dropout(Sequences.maxOverRealPositions(states, mask), training);
        NDArray hidden = Activation.relu(apply(fc1, parameterStore, sentence, training));
        return StudentOutputs.of(apply(out, parameterStore, hidden, training), sentence);
    }

    @Override
    protected void collectWeights(Map<String, NDArray> weights) {
        putLstm(weights, "lstm.fwd.", forward);
        putLstm(weights, "lstm.bwd.", backward);
        weights.put("fc1.w", weightOf(fc1, "weight"));
        weights.put("fc1.b", weightOf(fc1, "bias"));
        weights.put("out.w", weightOf(out, "weight"));
        weights.put("out.b", weightOf(out, "bias"));
    }

    private static void putLstm(Map<String, NDArray> weights, String prefix, LSTM lstm) {
        weights.put(prefix + "w_ih", weightOf(lstm, "l_0_i2h_WEIGHT"));
        weights.put(prefix + "w_hh", weightOf(lstm, "l_0_h2h_WEIGHT"));
        weights.put(prefix + "b_ih", weightOf(lstm, "l_0_i2h_BIAS"));
        weights.put(prefix + "b_hh", weightOf(lstm, "l_0_h2h_BIAS"));
    }
}
