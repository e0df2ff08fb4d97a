package dev.distill.engine.student.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import dev.distill.engine.signal.Signal;
import dev.distill.engine.student.Sequences;
import dev.distill.engine.student.StudentNetwork;
import dev.distill.engine.student.StudentOutputs;
import dev.distill.onnx.bert.Pooling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The BERT-style student, the math of {@link TransformerGraph} in DJL: {@code LayerNorm(embedding[id] +
 * position[t] + token_type)}, its {@link EncoderLayer}s, the mean of the real tokens' rows or the first token's row
 * (the graph's pooling; the sentence vector, where dropout acts while training) and the output layer. Written with DJL's array operations because DJL's
 * {@code TransformerEncoderBlock} and {@code BertBlock} are not BERT layers (other normalization and residuals).
 */
public final class TransformerStudent extends StudentNetwork<TransformerGraph> {

    /** BERT's spread of the position and token-type rows at initialization. */
    private static final float EMBEDDING_ROW_SIGMA = 0.02f;

    private final Parameter position;
    private final Parameter tokenType;
    private final BertLayerNorm embeddingNorm;
    private final List<EncoderLayer> layers = new ArrayList<>();
    private final Linear out;

    TransformerStudent(TransformerGraph graph, float dropout) {
        super(graph, dropout);
        int width = graph.sizes().embeddingSize();
        position = addParameter(Parameter.builder().setName("position").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(graph.maxLength(), width)).build());
        tokenType = addParameter(Parameter.builder().setName("token_type").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(width)).build());
        embeddingNorm = addChildBlock("embedding_norm", new BertLayerNorm(width, graph.layerNormEpsilon()));
        for (int i = 0; i < graph.layers(); i++) {
            layers.add(addChildBlock(TransformerGraph.layer(i),
                    new EncoderLayer(width, graph.heads(), graph.feedForwardSize(), graph.layerNormEpsilon())));
        }
        out = addChildBlock("out", linear(graph.sizes().numClasses()));
        setDefaultInitializers();
        position.setInitializer(new NormalInitializer(EMBEDDING_ROW_SIGMA));
        tokenType.setInitializer(new NormalInitializer(EMBEDDING_ROW_SIGMA));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        int width = sizes().embeddingSize();
        embeddingNorm.initialize(manager, dataType, new Shape(1, 1, width));
        for (EncoderLayer layer : layers) {
            layer.initialize(manager, dataType, new Shape(1, 1, width), new Shape(1, 1, 1, 1));
        }
        out.initialize(manager, dataType, new Shape(1, width));
    }

    @Override
    protected StudentOutputs outputs(ParameterStore parameterStore, NDArray ids, NDArray mask, boolean training) {
        return outputs(parameterStore, ids, mask, training, Set.of());
    }

    /**
     * Also gives, when asked, {@link Signal#HIDDEN_STATES}: every layer's output stacked, {@code [B, layers, L,
     * width]}, and {@link Signal#ATTENTIONS}: the last layer's attention probabilities, {@code [B, heads, L, L]}.
     */
    @Override
    protected StudentOutputs outputs(ParameterStore parameterStore, NDArray ids, NDArray mask, boolean training,
            Set<Signal> inner) {
        long length = ids.getShape().get(1);
        // Positions past the table's last row can only hold padding, which nothing attends to: they reuse that row.
        NDArray positionIds = ids.getManager().arange(0, Math.toIntExact(length), 1, DataType.INT64)
                .minimum(graph().maxLength() - 1);
        NDArray positionRows = Embedding.embedding(positionIds,
                parameterStore.getValue(position, ids.getDevice(), training), SparseFormat.DENSE).head();
        NDArray summed = embed(parameterStore, ids, training).add(positionRows)
                .add(parameterStore.getValue(tokenType, ids.getDevice(), training));
        NDArray hidden = apply(embeddingNorm, parameterStore, summed, training);
        NDArray keyBias = mask.neg().add(1f).mul(TransformerGraph.MASKED_KEY_BIAS).expandDims(1).expandDims(1);
        NDList states = new NDList();
        NDArray attention = null;
        for (EncoderLayer layer : layers) {
            NDList result = layer.forward(parameterStore, new NDList(hidden, keyBias), training);
            hidden = result.get(0);
            attention = result.get(1);
            states.add(hidden);
        }
        NDArray pooled = graph().pooling() == Pooling.CLS ? hidden.get(":, 0, :")
                : hidden.mul(mask.expandDims(2)).sum(new int[] {1}).div(Sequences.lengths(mask));
        NDArray sentence = dropout(pooled, training);
        StudentOutputs outputs = StudentOutputs.of(apply(out, parameterStore, sentence, training), sentence);
        if (inner.contains(Signal.HIDDEN_STATES)) {
            outputs = outputs.with(Signal.HIDDEN_STATES, NDArrays.stack(states, 1));
        }
        if (inner.contains(Signal.ATTENTIONS)) {
            outputs = outputs.with(Signal.ATTENTIONS, attention);
        }
        return outputs;
    }

    @Override
    protected void collectWeights(Map<String, NDArray> weights) {
        weights.put("embeddings.position", position.getArray());
        weights.put("embeddings.token_type", tokenType.getArray());
        EncoderLayer.putNorm(weights, "embeddings.norm", embeddingNorm);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).collectWeights(TransformerGraph.layer(i), weights);
        }
        weights.put("out.w", weightOf(out, "weight"));
        weights.put("out.b", weightOf(out, "bias"));
    }
}
