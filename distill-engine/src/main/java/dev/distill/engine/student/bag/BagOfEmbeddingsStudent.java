package dev.distill.engine.student.bag;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import dev.distill.engine.student.Sequences;
import dev.distill.engine.student.StudentNetwork;
import dev.distill.engine.student.StudentOutputs;
import java.util.Map;

/**
 * The fastText-like student: the mean of the real tokens' embeddings (and, with bigram buckets, of the hashed rows
 * of each pair of adjacent real tokens) beside their maximum, a ReLU layer of H units and the output layer. Without
 * bigrams it ignores word order; the smallest and fastest student. The math is {@link BagOfEmbeddingsGraph}'s.
 *
 * <p>In training each real token is left out of the mean and the max with probability {@value #WORD_DROPOUT} (Iyyer
 * et al. 2015's word dropout for their deep averaging network, at their rate); a text all of whose tokens would go
 * keeps them all. The max alone lets the student lean on the one word of a text it fits best; leaving words out makes
 * it read the others too. Measured on SST-2 with the reference teacher (README, "Quality ablation"): the max alone
 * +0.57 points, word dropout alone -0.34, the two together +1.6.
 *
 * <p>The bigram table starts at zero: the student then starts as the plain bag (with the teacher's embeddings, when
 * they are loaded) and its pairs learn what the single tokens do not say. Random rows would add noise as large as
 * the teacher's word vectors to every sentence vector before the first step.
 */
public final class BagOfEmbeddingsStudent extends StudentNetwork<BagOfEmbeddingsGraph> {

    /** The probability of leaving a real token out in a training pass. */
    public static final float WORD_DROPOUT = 0.3f;

    private final Linear fc1;
    private final Linear out;
    private final Parameter bigrams;

    BagOfEmbeddingsStudent(BagOfEmbeddingsGraph graph, float dropout) {
        super(graph, dropout);
        bigrams = graph.hasBigrams() ? addParameter(Parameter.builder()
                .setName("bigrams")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(graph.bigramBuckets(), graph.sizes().embeddingSize()))
                .build()) : null;
        fc1 = addChildBlock("fc1", linear(graph.hiddenSize()));
        out = addChildBlock("out", linear(graph.sizes().numClasses()));
        setDefaultInitializers();
        if (bigrams != null) {
            bigrams.setInitializer(Initializer.ZEROS);
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        fc1.initialize(manager, dataType, new Shape(1, graph().sentenceSize()));
        out.initialize(manager, dataType, new Shape(1, graph().hiddenSize()));
    }

    @Override
    protected StudentOutputs outputs(ParameterStore parameterStore, NDArray ids, NDArray mask, boolean training) {
        if (training) {
            mask = withWordsLeftOut(mask);
        }
        NDArray embedded = embed(parameterStore, ids, training);
        NDArray summed = embedded.mul(mask.expandDims(2)).sum(new int[] {1});
        NDArray count = Sequences.lengths(mask);
        long length = ids.getShape().get(1);
        if (bigrams != null && length > 1) {
            NDIndex left = new NDIndex(":, :{}", length - 1);
            NDIndex right = new NDIndex(":, 1:");
            NDArray hashed = lookedUp(ids); // as the pruned model hashes them
            NDArray bucket = hashed.get(left).mul(BigramHash.MULTIPLIER).add(hashed.get(right))
                    .mod(graph().bigramBuckets());
            NDArray pairs = mask.get(left).mul(mask.get(right));
            NDArray table = parameterStore.getValue(bigrams, ids.getDevice(), training);
            NDArray rows = Embedding.embedding(bucket, table, SparseFormat.DENSE).head();
            summed = summed.add(rows.mul(pairs.expandDims(2)).sum(new int[] {1}));
            count = count.add(pairs.sum(new int[] {1}, true));
        }
        NDArray max = Sequences.maxOverRealPositions(embedded, mask);
        NDArray sentence = dropout(summed.div(count).concat(max, 1), training);
        NDArray hidden = Activation.relu(apply(fc1, parameterStore, sentence, training));
        return StudentOutputs.of(apply(out, parameterStore, hidden, training), sentence);
    }

    /** The mask with each real token dropped with probability {@link #WORD_DROPOUT}; a row left empty keeps all. */
    private static NDArray withWordsLeftOut(NDArray mask) {
        NDArray kept = mask.getManager().randomUniform(0f, 1f, mask.getShape()).gte(WORD_DROPOUT)
                .toType(mask.getDataType(), false).mul(mask);
        NDArray empty = kept.sum(new int[] {1}, true).eq(0f);
        return NDArrays.where(empty.broadcast(mask.getShape()), mask, kept);
    }

    @Override
    protected void collectWeights(Map<String, NDArray> weights) {
        if (bigrams != null) {
            weights.put("bigrams", bigrams.getArray());
        }
        weights.put("fc1.w", weightOf(fc1, "weight"));
        weights.put("fc1.b", weightOf(fc1, "bias"));
        weights.put("out.w", weightOf(out, "weight"));
        weights.put("out.b", weightOf(out, "bias"));
    }
}
