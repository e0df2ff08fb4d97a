package dev.distill.onnx.student;

/**
 * The sizes every student has, whatever its architecture: the teacher tokenizer's vocabulary, the width of the
 * token embeddings and the number of classes. An architecture's own sizes (LSTM units, filters, kernel widths)
 * are fields of its {@link StudentGraphWriter}.
 *
 * @param vocabularySize V, the rows of the {@code embedding} table
 * @param embeddingSize  d, the width of a token embedding
 * @param numClasses     C, the width of the {@code logits}
 */
public record StudentSizes(int vocabularySize, int embeddingSize, int numClasses) {

    /** @throws IllegalArgumentException naming the first size that is not positive */
    public StudentSizes {
        requirePositive("vocabularySize", vocabularySize);
        requirePositive("embeddingSize", embeddingSize);
        requirePositive("numClasses", numClasses);
    }

    /**
     * Checks one of an architecture's own sizes.
     *
     * @throws IllegalArgumentException naming the size if it is not positive
     */
    public static void requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }

    /**
     * Checks the width of an architecture's hidden layer, named as the {@code @Student} setting that gives it.
     *
     * @throws IllegalArgumentException naming {@code hiddenSize} if it is not positive
     */
    public static void requireHiddenSize(int hiddenSize) {
        requirePositive("hiddenSize", hiddenSize);
    }

    @Override
    public String toString() {
        return "V=" + vocabularySize + ", d=" + embeddingSize + ", C=" + numClasses;
    }
}
