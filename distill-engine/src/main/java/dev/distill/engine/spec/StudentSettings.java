package dev.distill.engine.spec;

import dev.distill.annotations.Architecture;
import dev.distill.annotations.Embeddings;
import java.util.List;

/**
 * The student settings of a descriptor ({@code student.*}).
 *
 * @param architecture the student network
 * @param embeddingSize the width of the token embeddings
 * @param hiddenSize LSTM units per direction, CNN filters per kernel size, or hidden units; 0 for the architecture's
 *     default ({@code Plans.hiddenSize})
 * @param kernelSizes the CNN convolution widths (used by {@link Architecture#CNN} only)
 * @param layers the encoder layers, 0 for the architecture's choice (used by {@link Architecture#TRANSFORMER} only)
 * @param teacherLayers the teacher layers to copy, counted from 1, empty for the default choice (used by
 *     {@link Architecture#TRANSFORMER} only)
 * @param heads the attention heads of each layer (used by {@link Architecture#TRANSFORMER} only)
 * @param bigramBuckets the hashed word-pair rows, 0 for none (used by {@link Architecture#BAG_OF_EMBEDDINGS} only)
 * @param maxLength the student's input length in tokens
 * @param dropout the dropout probability while training; NaN for the architecture's default ({@code Plans.dropout})
 * @param embeddings where the embedding table starts from
 * @param tokenizer the student's tokenizer.json as written (relative to the base directory), empty for the first
 *     teacher's
 */
public record StudentSettings(Architecture architecture, int embeddingSize, int hiddenSize, List<Integer> kernelSizes,
        int layers, List<Integer> teacherLayers, int heads, int bigramBuckets, int maxLength, double dropout, Embeddings embeddings,
        String tokenizer) {

    /** Copies the lists. */
    public StudentSettings {
        kernelSizes = List.copyOf(kernelSizes);
        teacherLayers = List.copyOf(teacherLayers);
    }
}
