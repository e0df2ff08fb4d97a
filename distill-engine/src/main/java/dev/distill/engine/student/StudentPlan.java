package dev.distill.engine.student;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import java.util.Objects;

/**
 * The student to train: its architecture and sizes. The vocabulary and the number of classes come
 * from the teacher.
 *
 * @param architecture  BILSTM, CNN, BAG_OF_EMBEDDINGS or TRANSFORMER
 * @param embeddingSize width of the token embeddings (and of a transformer's layers)
 * @param hiddenSize    LSTM units per direction, CNN filters per kernel size, hidden units, or a transformer's
 *                      feed-forward units
 * @param kernelSizes   CNN kernel widths (ignored by the other architectures)
 * @param layers        a transformer's encoder layers, 0 to let the architecture choose (ignored by the others)
 * @param teacherLayers the teacher layers a transformer cut from its teacher copies, counted from 1; empty for the
 *                      default (evenly spaced, the last included; ignored by the others)
 * @param heads         a transformer's attention heads (ignored by the others)
 * @param bigramBuckets the hashed word-pair rows of a bag of embeddings, 0 for none (ignored by the others)
 * @param maxLength     tokens per text, special tokens included
 * @param embeddings    where the embedding table starts from: the teacher's, random, or the teacher's when found
 */
public record StudentPlan(Architecture architecture, int embeddingSize, int hiddenSize, int[] kernelSizes,
        int layers, int[] teacherLayers, int heads, int bigramBuckets, int maxLength, Embeddings embeddings) {

    /** Copies the arrays. */
    public StudentPlan {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(embeddings, "embeddings");
        kernelSizes = kernelSizes.clone();
        teacherLayers = teacherLayers.clone();
    }

    /** A plan with the default teacher layers and no bigrams. */
    public StudentPlan(Architecture architecture, int embeddingSize, int hiddenSize, int[] kernelSizes, int layers,
            int heads, int maxLength, Embeddings embeddings) {
        this(architecture, embeddingSize, hiddenSize, kernelSizes, layers, new int[0], heads, maxLength, embeddings);
    }

    /** A plan with no bigrams. */
    public StudentPlan(Architecture architecture, int embeddingSize, int hiddenSize, int[] kernelSizes, int layers,
            int[] teacherLayers, int heads, int maxLength, Embeddings embeddings) {
        this(architecture, embeddingSize, hiddenSize, kernelSizes, layers, teacherLayers, heads, 0, maxLength,
                embeddings);
    }

    /** This plan with {@code bigramBuckets} hashed word-pair rows (0: none). */
    public StudentPlan withBigramBuckets(int bigramBuckets) {
        return new StudentPlan(architecture, embeddingSize, hiddenSize, kernelSizes, layers, teacherLayers, heads,
                bigramBuckets, maxLength, embeddings);
    }

    /** A copy of the kernel widths. */
    @Override
    public int[] kernelSizes() {
        return kernelSizes.clone();
    }

    /** A copy of the teacher layers, counted from 1. */
    @Override
    public int[] teacherLayers() {
        return teacherLayers.clone();
    }
}
