package dev.distill.annotations;

import java.util.List;

/**
 * The kind of student network that {@link Distill} trains. Each constant names the {@link Student} elements it
 * reads that not every architecture does, so that the annotation processor can warn at compile time when one is
 * set for an architecture that ignores it; the network itself is the engine's
 * ({@code dev.distill.engine.student.<architecture>}).
 */
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
    CNN("kernelSizes"),
    /**
     * The mean of the token embeddings, a hidden layer of {@link Student#hiddenSize()} units and a linear layer.
     * Smallest and fastest; ignores word order.
     */
    BAG_OF_EMBEDDINGS,
    /**
     * A BERT-style encoder with the teacher's layout, cut down as DistilBERT and TinyBERT are: word, position and
     * token-type embeddings with LayerNorm, {@link Student#layers()} post-LN layers of multi-head self-attention and
     * a GELU feed-forward, the pooled sentence vector and a linear layer. It is cut from its teacher, which must be
     * a BERT-family ONNX encoder: its width, heads, feed-forward size, LayerNorm epsilon and GELU are the teacher's,
     * and so are its first embeddings, layers (the {@link Student#teacherLayers()}) and, for a classifier teacher,
     * pooling (masked mean or [CLS]) and output layer. The most accurate and the slowest.
     */
    TRANSFORMER("layers", "heads", "teacherLayers"),
    /**
     * A multilayer perceptron on numeric features (tabular data, {@link Dataset#features()}), not on text: the raw
     * feature values standardised with the training rows' mean and standard deviation (baked into the exported
     * graph, so callers feed raw values), {@link Student#layers()} hidden ReLU layers of {@link Student#hiddenSize()}
     * units (0 layers: 2), {@link Student#dropout()} before each dense layer while training, and a linear layer. Its
     * teacher is any ONNX classifier of a {@code features} input, a tree ensemble included. It reads no
     * {@code embeddingSize} or {@code maxLength}: it has no tokens.
     */
    MLP(false, "layers");

    private final boolean text;
    private final List<String> ownSettings;

    Architecture(String... ownSettings) {
        this(true, ownSettings);
    }

    Architecture(boolean text, String... ownSettings) {
        this.text = text;
        this.ownSettings = List.of(ownSettings);
    }

    /**
     * Whether this student reads text (tokens of {@link Dataset#textColumn()}); {@code false} for {@link #MLP}, which
     * reads the numeric {@link Dataset#features()} of tabular data.
     *
     * @return true for the text students
     */
    public boolean readsText() {
        return text;
    }

    /**
     * The {@link Student} elements this architecture reads that not every architecture does (every one reads
     * {@code embeddingSize}, {@code hiddenSize}, {@code maxLength} and {@code dropout}; {@link #MLP}, which has no
     * tokens, reads only {@code hiddenSize} and {@code dropout} of those).
     *
     * @return element names, e.g. {@code kernelSizes} for {@link #CNN}
     */
    public List<String> ownSettings() {
        return ownSettings;
    }
}
