package dev.distill.engine.student;

import dev.distill.annotations.Architecture;
import java.util.Objects;

/**
 * The student to train: its architecture and sizes. The vocabulary and the number of classes come
 * from the teacher.
 *
 * @param architecture  BILSTM, CNN or BAG_OF_EMBEDDINGS
 * @param embeddingSize width of the token embeddings
 * @param hiddenSize    LSTM units per direction, CNN filters per kernel size, or hidden units
 * @param kernelSizes   CNN kernel widths (ignored by the other architectures)
 * @param maxLength     tokens per text, special tokens included
 */
public record StudentPlan(Architecture architecture, int embeddingSize, int hiddenSize, int[] kernelSizes,
        int maxLength) {

    public StudentPlan {
        Objects.requireNonNull(architecture, "architecture");
        kernelSizes = kernelSizes.clone();
    }
}
