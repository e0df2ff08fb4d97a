package dev.distill.onnx.bert;

import dev.distill.contract.ClassifierGraph;
import dev.distill.onnx.Ort;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test fixture: token-id rows of the BERT uncased vocabulary (MiniLM's and BGE's) with their mask and token types.
 *
 * @param ids [rows][sequence], padded with 0
 * @param mask 1 for a real token
 * @param types token-type ids
 */
public record BertBatch(long[][] ids, long[][] mask, long[][] types) {

    /**
     * "[CLS] this movie is awesome [SEP]", "[CLS] dull [SEP]" (mostly padding, so masking matters) and the pair
     * "[CLS] a good film [SEP] dull [SEP]" with token type 1 on its second segment (so the token-type table
     * matters), padded to one length.
     */
    public static BertBatch texts() {
        long[][] ids = {
            {101, 2023, 3185, 2003, 12476, 102, 0},
            {101, 10634, 102, 0, 0, 0, 0},
            {101, 1037, 2204, 2143, 102, 10634, 102}};
        long[][] mask = {{1, 1, 1, 1, 1, 1, 0}, {1, 1, 1, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1, 1}};
        long[][] types = {{0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 1, 1}};
        return new BertBatch(ids, mask, types);
    }

    public int rows() {
        return ids.length;
    }

    /** Row {@code row} alone, without its padding: a batch of one. */
    BertBatch row(int row) {
        int length = (int) Arrays.stream(mask[row]).sum();
        return new BertBatch(new long[][] {Arrays.copyOf(ids[row], length)},
                new long[][] {Arrays.copyOf(mask[row], length)}, new long[][] {Arrays.copyOf(types[row], length)});
    }

    /** The feed of a BERT export: ids, mask and token types. */
    Map<String, long[][]> inputs() {
        Map<String, long[][]> inputs = new LinkedHashMap<>();
        inputs.put(ClassifierGraph.INPUT_IDS, ids);
        inputs.put(ClassifierGraph.ATTENTION_MASK, mask);
        inputs.put(ClassifierGraph.TOKEN_TYPE_IDS, types);
        return inputs;
    }

    /** Runs {@code session} on the batch and returns a {@code [batch, sequence, hidden]} output. */
    float[][][] hidden(Ort session, String output) {
        return (float[][][]) session.run(inputs(), output);
    }

    /** Runs {@code session} on the batch and returns a {@code [batch, classes]} output. */
    float[][] logits(Ort session) {
        return (float[][]) session.run(inputs(), ClassifierGraph.LOGITS);
    }

    /** The reference's hidden states of each row after {@code layers} layers. */
    float[][][] hidden(BertReference reference, int layers) {
        float[][][] out = new float[rows()][][];
        for (int r = 0; r < rows(); r++) {
            out[r] = reference.hidden(ids[r], mask[r], types[r], layers);
        }
        return out;
    }

    /** The reference's logits of each row. */
    float[][] logits(BertReference reference) {
        float[][] out = new float[rows()][];
        for (int r = 0; r < rows(); r++) {
            out[r] = reference.logits(ids[r], mask[r], types[r]);
        }
        return out;
    }

    /** The largest difference between two hidden states over the real tokens (padding's states are not used). */
    double maxDifference(float[][][] expected, float[][][] actual) {
        double worst = 0;
        for (int r = 0; r < rows(); r++) {
            for (int t = 0; t < mask[r].length; t++) {
                for (int h = 0; mask[r][t] == 1 && h < expected[r][t].length; h++) {
                    worst = Math.max(worst, Math.abs(expected[r][t][h] - actual[r][t][h]));
                }
            }
        }
        return worst;
    }

    /** The smallest cosine between two hidden states over the real tokens. */
    double minCosine(float[][][] expected, float[][][] actual) {
        double worst = 1;
        for (int r = 0; r < rows(); r++) {
            for (int t = 0; t < mask[r].length; t++) {
                if (mask[r][t] == 1) {
                    worst = Math.min(worst, BertFixtures.cosine(expected[r][t], actual[r][t]));
                }
            }
        }
        return worst;
    }
}
