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
 * @param heads         a transformer's attention heads (ignored by the others)
 * @param maxLength     tokens per text, special tokens included
 * @param embeddings    where the embedding table starts from: the teacher's, random, or the teacher's when found
 */
public record StudentPlan(Architecture architecture, int embeddingSize, int hiddenSize, int[] kernelSizes,
        int layers, int heads, int maxLength, Embeddings embeddings) {

    public StudentPlan {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(embeddings, "embeddings");
        kernelSizes = kernelSizes.clone();
    }
}
