package dev.distill.engine.student.bag;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import dev.distill.engine.student.Sequences;
import dev.distill.engine.student.StudentNetwork;
import dev.distill.engine.student.StudentOutputs;
import java.util.Map;

/**
 * The fastText-like student: the mean of the real tokens' embeddings, a ReLU layer of H units and
 * the output layer. Ignores word order; the smallest and fastest student.
 */
public final class BagOfEmbeddingsStudent extends StudentNetwork<BagOfEmbeddingsGraph> {

    private final Linear fc1;
    private final Linear out;

    BagOfEmbeddingsStudent(BagOfEmbeddingsGraph graph, float dropout) {
        super(graph, dropout);
        fc1 = addChildBlock("fc1", linear(graph.hiddenSize()));
        out = addChildBlock("out", linear(graph.sizes().numClasses()));
        setDefaultInitializers();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        fc1.initialize(manager, dataType, new Shape(1, sizes().embeddingSize()));
        out.initialize(manager, dataType, new Shape(1, graph().hiddenSize()));
    }

    @Override
    protected StudentOutputs outputs(ParameterStore parameterStore, NDArray ids, NDArray mask, boolean training) {
        NDArray summed = embed(parameterStore, ids, training).mul(mask.expandDims(2)).sum(new int[] {1});
        NDArray sentence = dropout(summed.div(Sequences.lengths(mask)), training);
        NDArray hidden = Activation.relu(apply(fc1, parameterStore, sentence, training));
        return StudentOutputs.of(apply(out, parameterStore, hidden, training), sentence);
    }

    @Override
    protected void collectWeights(Map<String, NDArray> weights) {
        weights.put("fc1.w", weightOf(fc1, "weight"));
        weights.put("fc1.b", weightOf(fc1, "bias"));
        weights.put("out.w", weightOf(out, "weight"));
        weights.put("out.b", weightOf(out, "bias"));
    }
}
