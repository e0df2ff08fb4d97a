package dev.distill.engine.student.bag;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Student;
import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.OnnxGraph;
import dev.distill.onnx.OnnxOps;
import dev.distill.onnx.student.StudentGraphWriter;
import dev.distill.onnx.student.StudentLayers;
import dev.distill.onnx.student.StudentSizes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link Architecture#BAG_OF_EMBEDDINGS}: the sentence vector h is the mean of the real tokens' embeddings (with bigram
 * buckets, of the bigram rows of each pair of adjacent real tokens too: fastText's average over words and word
 * n-grams) beside their per-dimension maximum (Shen et al. 2018's SWEM-concat):
 * <pre>
 *   mean = (sum_t m[t] embedding[id[t]] + sum_t m[t] m[t+1] bigrams[(id[t] * 116049371 + id[t+1]) mod B])
 *          / (sum_t m[t] + sum_t m[t] m[t+1])
 *   max  = max_{t: m[t] = 1} embedding[id[t]]            (per dimension)
 *   h    = [mean ; max]                                  (2d wide)
 * </pre>
 * then logits = out(relu(fc1(h))). The mean says how much of each direction a text has, the max whether one word
 * stands out in it (a lone "not" or "worst" that the mean of a long text dilutes). The max reads the tokens only: in
 * the graph a padded position is shifted down by {@link StudentLayers#PADDING_SHIFT} before the ReduceMax, so a real token always
 * wins and its value passes unchanged. A pair with a padded side has weight 0, so padding makes no bigram. The bucket
 * is computed from {@code input_ids} themselves ({@link BigramHash}): int64 Slice, Mul, Add and Mod, then a Gather of
 * the {@code bigrams} table, which the int8 quantizer turns into per-row int8 as it does the token table. Vocabulary
 * pruning renumbers the token table's rows and hands the hash {@code VocabularyPruner.PRUNED_INPUT_IDS} instead of
 * {@code input_ids}: a kept id unchanged (so its buckets are the trained ones), an unseen one as [UNK].
 *
 * @param sizes         the sizes every student has
 * @param hiddenSize    H, the units of the hidden layer {@code fc1}
 * @param bigramBuckets B, the rows of the {@code bigrams} table [B, d]; 0 for none (the plain mean of the tokens)
 */
public record BagOfEmbeddingsGraph(StudentSizes sizes, int hiddenSize, int bigramBuckets) implements StudentGraphWriter {

    /**
     * @throws IllegalArgumentException if the hidden size is not positive ({@link StudentSizes#requireHiddenSize}), or
     *                                  the bigram buckets are negative or above {@link Student#MAX_BIGRAM_BUCKETS}
     */
    public BagOfEmbeddingsGraph {
        StudentSizes.requireHiddenSize(hiddenSize);
        if (bigramBuckets < 0 || bigramBuckets > Student.MAX_BIGRAM_BUCKETS) {
            throw new IllegalArgumentException("student.bigramBuckets = " + bigramBuckets + " is outside [0, "
                    + Student.MAX_BIGRAM_BUCKETS + "]: it is the number of hashed word-pair rows of a BAG_OF_EMBEDDINGS"
                    + " student; 0 turns bigrams off");
        }
    }

    /** A bag without bigrams. */
    public BagOfEmbeddingsGraph(StudentSizes sizes, int hiddenSize) {
        this(sizes, hiddenSize, 0);
    }

    /** Whether the bag reads word pairs. */
    public boolean hasBigrams() {
        return bigramBuckets > 0;
    }

    @Override
    public Architecture architecture() {
        return Architecture.BAG_OF_EMBEDDINGS;
    }

    @Override
    public Map<String, long[]> layerTensorShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        if (hasBigrams()) {
            shapes.put("bigrams", new long[] {bigramBuckets, sizes.embeddingSize()});
        }
        shapes.put("fc1.w", new long[] {hiddenSize, sentenceSize()});
        shapes.put("fc1.b", new long[] {hiddenSize});
        return shapes;
    }

    /** The width of h, fc1's input: the mean and the max of d values each. */
    public int sentenceSize() {
        return 2 * sizes.embeddingSize();
    }

    @Override
    public long featureSize() {
        return hiddenSize;
    }

    @Override
    public String writeFeatures(StudentLayers layers) {
        OnnxOps ops = layers.ops();
        String sum = ops.reduceSum(layers.maskedEmbedded(), false, "embedding_sum", 1);
        String length = ops.reduceSum(layers.maskFloat(), true, "length", 1);
        if (hasBigrams()) {
            OnnxGraph graph = layers.graph();
            String ids = ClassifierGraph.INPUT_IDS;
            String bucket = ops.binary("Mod", ops.binary("Add",
                            ops.binary("Mul", first(graph, ids, "left_ids"),
                                    graph.longs("bigram_multiplier", new long[] {BigramHash.MULTIPLIER}), "left_hash"),
                            rest(graph, ids, "right_ids"), "pair_hash"),
                    graph.longs("bigram_buckets", new long[] {bigramBuckets}), "bigram_bucket");
            String mask = layers.maskFloat();
            String pairs = ops.binary("Mul", first(graph, mask, "left_mask"), rest(graph, mask, "right_mask"),
                    "pair_mask");
            String rows = graph.node("Gather").inputs(layers.weight("bigrams"), bucket).output("bigram_rows");
            String masked = ops.binary("Mul", rows, ops.unsqueeze(pairs, "pair_mask3", 2), "masked_bigrams");
            sum = ops.binary("Add", sum, ops.reduceSum(masked, false, "bigram_sum", 1), "feature_sum");
            length = ops.binary("Add", length, ops.reduceSum(pairs, true, "pairs", 1), "features");
        }
        String mean = ops.binary("Div", sum, length, "mean_embedding");
        String max = layers.maxOverRealTokens(layers.embedded(), "max_embedding");
        String sentence = layers.graph().node("Concat").inputs(mean, max).attrInt("axis", 1).output("sentence");
        return layers.relu(layers.linear(sentence, "fc1"));
    }

    /** {@code x[:, :-1]}: every position but the last, the left side of each pair. */
    private static String first(OnnxGraph graph, String x, String output) {
        return slice(graph, x, 0, -1, output);
    }

    /** {@code x[:, 1:]}: every position but the first, the right side of each pair. */
    private static String rest(OnnxGraph graph, String x, String output) {
        return slice(graph, x, 1, Long.MAX_VALUE, output);
    }

    private static String slice(OnnxGraph graph, String x, long start, long end, String output) {
        return graph.node("Slice").inputs(x, graph.longs(output + "_start", new long[] {start}, 1),
                graph.longs(output + "_end", new long[] {end}, 1), graph.longs(output + "_axis", new long[] {1}, 1))
                .output(output);
    }
}
