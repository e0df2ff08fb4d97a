package dev.distill.annotations;

/** The kind of student network that {@link Distill} trains. */
public enum Architecture {
    /**
     * Embeddings, a bidirectional LSTM ({@link Student#hiddenSize()} units per direction) whose two final states
     * are concatenated, a hidden ReLU layer and a linear layer: the student of Tang et al. (2019). Slowest of the
     * three, usually the most accurate.
     */
    BILSTM,
    /**
     * Embeddings, one 1-D convolution per {@link Student#kernelSizes() kernel size} with
     * {@link Student#hiddenSize()} filters each, max-pooling over time and a linear layer (Kim, 2014).
     */
    CNN,
    /**
     * The mean of the token embeddings, a hidden layer of {@link Student#hiddenSize()} units and a linear layer.
     * Smallest and fastest; ignores word order.
     */
    BAG_OF_EMBEDDINGS
}
