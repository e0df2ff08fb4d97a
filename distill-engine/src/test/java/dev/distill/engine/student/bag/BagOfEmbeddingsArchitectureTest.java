package dev.distill.engine.student.bag;

import static dev.distill.engine.student.SpecMath.relu;
import static dev.distill.onnx.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import dev.distill.contract.ClassifierGraph;
import dev.distill.engine.student.SpecMath;
import dev.distill.engine.student.StudentArchitectureContract;
import dev.distill.engine.student.StudentPlan;
import dev.distill.engine.student.Student;
import dev.distill.engine.student.StudentArchitectures;
import dev.distill.engine.student.TokenIdBatch;
import dev.distill.engine.train.TorchRuntime;
import dev.distill.onnx.Ort;
import dev.distill.onnx.prune.PrunedLogits;
import dev.distill.onnx.prune.VocabularyPruner;
import dev.distill.onnx.quantize.DynamicInt8Quantizer;
import dev.distill.onnx.quantize.QuantizedAnswers;
import dev.distill.onnx.quantize.QuantizedModel;
import dev.distill.onnx.student.RandomStudents;
import dev.distill.onnx.student.StudentGraphs;
import dev.distill.onnx.student.StudentSizes;
import dev.distill.onnx.student.StudentWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The bag of embeddings against the specification and the student contract; the contract's instances have bigram
 * buckets, so every contract check (ONNX and DJL against the specification, padding, int8, pruning) covers them.
 */
class BagOfEmbeddingsArchitectureTest extends StudentArchitectureContract<BagOfEmbeddingsGraph> {

    BagOfEmbeddingsArchitectureTest() {
        super(new BagOfEmbeddingsArchitecture(), BagOfEmbeddingsArchitectureTest::specForward);
    }

    /**
     * out(relu(fc1([the mean of the real tokens' embeddings and of the bigram rows of each adjacent pair ; the
     * per-dimension max of the real tokens' embeddings]))), the bucket of a pair being (left * 116049371 + right) mod B,
     * as fastText hashes its n-grams.
     */
    private static double[] specForward(BagOfEmbeddingsGraph graph, SpecMath spec, int[] ids) {
        List<double[]> features = new ArrayList<>();
        Arrays.stream(ids).mapToObj(spec::embedding).forEach(features::add);
        for (int t = 0; graph.bigramBuckets() > 0 && t + 1 < ids.length; t++) {
            long bucket = (ids[t] * 116_049_371L + ids[t + 1]) % graph.bigramBuckets();
            features.add(spec.row("bigrams", bucket));
        }
        double[] max = Arrays.stream(ids).mapToObj(spec::embedding).reduce(SpecMath::maximum).orElseThrow();
        double[] sentence = SpecMath.concat(SpecMath.mean(features.toArray(double[][]::new)), max);
        return spec.linear(relu(spec.linear(sentence, "fc1")), "out");
    }

    @Test
    void aHiddenSizeThatIsNotPositiveIsNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new BagOfEmbeddingsGraph(new StudentSizes(23, 8, 3), 0));
        assertTrue(error.getMessage().startsWith("hiddenSize must be positive, was "), error.getMessage());
    }

    @Test
    void bigramBucketsOutOfRangeAreNamedWithTheirValue() {
        for (int buckets : new int[] {-1, (1 << 20) + 1}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new BagOfEmbeddingsArchitecture().graph(plan(buckets), new StudentSizes(23, 8, 3)));
            assertTrue(error.getMessage().startsWith("student.bigramBuckets = " + buckets + " is outside [0, 1048576]"),
                    error.getMessage());
            assertTrue(error.getMessage().contains("0 turns bigrams off"), error.getMessage());
        }
    }

    @Test
    void zeroBucketsIsThePlainBag() {
        BagOfEmbeddingsGraph graph = new BagOfEmbeddingsArchitecture().graph(plan(0), new StudentSizes(23, 8, 3));
        assertFalse(graph.hasBigrams());
        assertEquals(List.of("embedding", "fc1.w", "fc1.b", "out.w", "out.b"), List.copyOf(graph.tensorShapes().keySet()));
    }

    /** The plain bag cannot tell a text from its reverse; with bigrams it can, and the specification agrees. */
    @Test
    void bigramsMakeWordOrderCount() {
        long[][] forward = {{5, 17, 230, 42, 9}};
        long[][] reversed = {{9, 42, 230, 17, 5}};
        long[][] mask = {{1, 1, 1, 1, 1}};
        BagOfEmbeddingsGraph withPairs = smallGraph(architecture());
        BagOfEmbeddingsGraph plain = new BagOfEmbeddingsGraph(withPairs.sizes(), withPairs.hiddenSize());
        try (Ort bag = Ort.of(StudentGraphs.fp32(plain, RandomStudents.weights(plain, 3), Map.of()));
                Ort pairs = Ort.of(floatModel(3))) {
            assertClose(bag.run2d(forward, mask, ClassifierGraph.LOGITS),
                    bag.run2d(reversed, mask, ClassifierGraph.LOGITS), 1e-6, "the plain bag");
            float[] ahead = pairs.run2d(forward, mask, ClassifierGraph.LOGITS)[0];
            float[] back = pairs.run2d(reversed, mask, ClassifierGraph.LOGITS)[0];
            assertTrue(maxDifference(ahead, back) > 1e-3, Arrays.toString(ahead) + " vs " + Arrays.toString(back));
        }
    }

    /** A pair with a padded side is no bigram, whatever id the padding has: only the real pair (5, 17) counts. */
    @Test
    void aPaddedPositionMakesNoBigram() {
        long[][] alone = {{5, 17}};
        long[][] padded = {{5, 17, 230, 42}, {230, 5, 17, 42}};
        long[][] masks = {{1, 1, 0, 0}, {0, 1, 1, 0}};
        try (Ort pairs = Ort.of(floatModel(4))) {
            float[] expected = pairs.run2d(alone, new long[][] {{1, 1}}, ClassifierGraph.LOGITS)[0];
            float[][] logits = pairs.run2d(padded, masks, ClassifierGraph.LOGITS);
            assertArrayEquals(expected, logits[0], 1e-5f, "padded after");
            assertArrayEquals(expected, logits[1], 1e-5f, "masked on both sides");
        }
    }

    /**
     * Pruning renumbers the token rows; the buckets must still come from the tokenizer's ids (the pruner hands the
     * hash {@link VocabularyPruner#PRUNED_INPUT_IDS}: the kept ids unchanged, an unseen one as the fallback id). With
     * 4096 buckets few pairs share a row, so hashing the renumbered rows instead moves the answers; the int8 model,
     * whose bigram rows are int8 too, keeps its answers as well.
     */
    @Test
    void pruningKeepsTheBucketsOfTheOriginalIds() {
        BagOfEmbeddingsGraph graph = new BagOfEmbeddingsArchitecture().graph(plan(4096),
                new StudentSizes(RandomStudents.VOCABULARY, 16, 3));
        ModelProto fp32 = StudentGraphs.fp32(graph, RandomStudents.weights(graph, 40), Map.of());
        QuantizedModel int8 = new DynamicInt8Quantizer().quantize(fp32);
        assertTrue(QuantizedAnswers.quantizedTensors(int8).contains("bigrams"),
                QuantizedAnswers.quantizedTensors(int8).toString());
        PrunedLogits.assertPruningKeepsLogits(fp32, "bag with bigrams, fp32");
        PrunedLogits.assertPruningKeepsLogits(int8.model(), "bag with bigrams, int8");
        // The check has teeth: the same pruned graph with its pairs hashed from the renumbered rows answers otherwise.
        ModelProto pruned = VocabularyPruner.prune(fp32, PrunedLogits.seenIds(), PrunedLogits.SPECIALS,
                PrunedLogits.UNK).model();
        ModelProto.Builder rowsHashed = pruned.toBuilder();
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto node : pruned.getGraph().getNodeList()) {
            if (node.getOpType().equals("Slice") && node.getInput(0).equals(VocabularyPruner.PRUNED_INPUT_IDS)) {
                node = node.toBuilder().setInput(0, "embedding_row_int64").build();
            }
            nodes.add(node);
            if (node.getOutputList().contains("embedding_row")) {
                nodes.add(NodeProto.newBuilder().setOpType("Cast").addInput("embedding_row")
                        .addOutput("embedding_row_int64").addAttribute(AttributeProto.newBuilder().setName("to")
                                .setType(AttributeProto.AttributeType.INT).setI(TensorProto.DataType.INT64_VALUE))
                        .build());
            }
        }
        rowsHashed.getGraphBuilder().clearNode().addAllNode(nodes);
        long[][] ids = {PrunedLogits.seenIds().stream().mapToLong(Long::longValue).skip(100).limit(12).toArray()};
        long[][] mask = {LongStream.generate(() -> 1).limit(12).toArray()};
        try (Ort right = Ort.of(pruned); Ort wrong = Ort.of(rowsHashed.build())) {
            float[] expected = right.run2d(ids, mask, ClassifierGraph.LOGITS)[0];
            float[] hashedRows = wrong.run2d(ids, mask, ClassifierGraph.LOGITS)[0];
            assertTrue(maxDifference(expected, hashedRows) > 1e-3,
                    Arrays.toString(expected) + " vs " + Arrays.toString(hashedRows));
        }
    }

    /**
     * Training passes reach the bigram table, which starts at zero: the rows of the texts' real pairs get a
     * gradient, no other row does (not the one a padded pair would hash to). Word dropout leaves a pair out of a
     * pass now and then (it is kept with probability 0.7 x 0.7), so the gradients of 20 passes are taken together:
     * a pair is missed by all of them with probability 0.51^20, about 1e-6.
     */
    @Test
    void theRowsOfRealPairsLearnAndNoOthers() {
        int[][] rows = {{3, 17, 4}, {7}};
        int buckets = 101;
        Set<Long> real = Set.of(BigramHash.bucket(3, 17, buckets), BigramHash.bucket(17, 4, buckets));
        long padded = BigramHash.bucket(7, TokenIdBatch.PAD_ID, buckets);
        assertFalse(real.contains(padded), "the test needs the padded pair's bucket apart from the real ones");
        TorchRuntime.start(1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Student student = StudentArchitectures.design(plan(buckets), 50, 3).create(0f);
            student.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
            NDArray table = student.getParameters().get("bigrams").getArray();
            assertEquals(0f, table.abs().sum().getFloat(), "the bigram table starts at zero");
            float[] gradient = new float[buckets];
            for (int pass = 0; pass < 20; pass++) {
                try (NDManager scope = manager.newSubManager();
                        GradientCollector collector = scope.getEngine().newGradientCollector()) {
                    NDArray logits = student.forward(new ParameterStore(manager, false),
                            TokenIdBatch.of(rows).toNDList(scope), true).head();
                    collector.backward(logits.square().sum());
                    float[] step = table.getGradient().abs().sum(new int[] {1}).toFloatArray();
                    for (int bucket = 0; bucket < buckets; bucket++) {
                        gradient[bucket] += step[bucket];
                    }
                }
            }
            for (int bucket = 0; bucket < buckets; bucket++) {
                assertEquals(real.contains((long) bucket), gradient[bucket] > 0, "bucket " + bucket);
            }
        }
    }

    /**
     * Word dropout acts in training passes only: an inference pass gives the same answer every time, and training
     * passes of a long text differ from each other, since each leaves out its own words.
     */
    @Test
    void wordDropoutActsInTrainingOnly() {
        int[][] rows = {{3, 17, 4, 9, 21, 30, 12, 5, 44, 8}};
        TorchRuntime.start(1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Student student = StudentArchitectures.design(plan(0), 50, 3).create(0f);
            student.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
            ParameterStore store = new ParameterStore(manager, false);
            float[] first = student.forward(store, TokenIdBatch.of(rows).toNDList(manager), false).head().toFloatArray();
            float[] again = student.forward(store, TokenIdBatch.of(rows).toNDList(manager), false).head().toFloatArray();
            assertArrayEquals(first, again, "inference passes");
            Set<String> trained = new HashSet<>();
            for (int pass = 0; pass < 5; pass++) {
                trained.add(Arrays.toString(
                        student.forward(store, TokenIdBatch.of(rows).toNDList(manager), true).head().toFloatArray()));
            }
            assertTrue(trained.size() > 1, "five training passes gave one answer: " + trained);
        }
    }

    private static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static StudentPlan plan(int bigramBuckets) {
        return new StudentPlan(Architecture.BAG_OF_EMBEDDINGS, 8, 6, new int[0], 0, 1, 16, Embeddings.RANDOM)
                .withBigramBuckets(bigramBuckets);
    }
}
