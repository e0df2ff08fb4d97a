package dev.distill.annotations;

import java.util.List;
import java.util.Optional;

/**
 * The kind of student network that {@link Distill} trains. Each constant names the {@link Student} elements it
 * reads that not every architecture does, so that the annotation processor can warn at compile time when one is
 * set for an architecture that ignores it. A text architecture also names the engine class that implements it
 * ({@code dev.distill.engine.student.<architecture>}): this constant is its one registration line. It is a name,
 * not a link, as distill-annotations knows nothing of the engine.
 */
public enum Architecture {
    /**
     * Embeddings, a bidirectional LSTM ({@link Student#hiddenSize()} units per direction) whose states are max-pooled
     * over the tokens per direction and concatenated (BiLSTM-max, Conneau et al. 2017), a hidden ReLU layer and a
     * linear layer: the student of Tang et al. (2019), who read the two final states instead. Slowest of the three,
     * usually the most accurate.
     */
    BILSTM("dev.distill.engine.student.bilstm.BiLstmArchitecture"),
    /**
     * Embeddings, one 1-D convolution per {@link Student#kernelSizes() kernel size} with
     * {@link Student#hiddenSize()} filters each, max-pooling over time and a linear layer (Kim, 2014).
     */
    CNN("dev.distill.engine.student.cnn.CnnArchitecture", "kernelSizes"),
    /**
     * The mean of the token embeddings (with {@link Student#bigramBuckets()}, and of the hashed embeddings of each
     * pair of adjacent tokens, as fastText does) beside their per-dimension maximum (SWEM-concat, Shen et al. 2018),
     * a hidden layer of {@link Student#hiddenSize()} units and a linear layer; in training each token is left out
     * with probability 0.3 (the word dropout of Iyyer et al. 2015). Smallest and fastest; sees word order only
     * through its bigrams.
     */
    BAG_OF_EMBEDDINGS("dev.distill.engine.student.bag.BagOfEmbeddingsArchitecture", "bigramBuckets"),
    /**
     * A BERT-style encoder with the teacher's layout, cut down as DistilBERT and TinyBERT are: word, position and
     * token-type embeddings with LayerNorm, {@link Student#layers()} post-LN layers of multi-head self-attention and
     * a GELU feed-forward, the pooled sentence vector and a linear layer. It is cut from its teacher, which must be
     * a BERT-family ONNX encoder: its width, heads, feed-forward size, LayerNorm epsilon and GELU are the teacher's,
     * and so are its first embeddings, layers (the {@link Student#teacherLayers()}) and, for a classifier teacher,
     * pooling (masked mean or [CLS]) and output layer. The most accurate and the slowest.
     */
    TRANSFORMER("dev.distill.engine.student.transformer.TransformerArchitecture", "layers", "heads", "teacherLayers"),
    /**
     * A multilayer perceptron on numeric features (tabular data, {@link Dataset#features()}), not on text: the raw
     * feature values standardised with the training rows' mean and standard deviation (baked into the exported
     * graph, so callers feed raw values), {@link Student#layers()} hidden ReLU layers of {@link Student#hiddenSize()}
     * units (0 layers: 2), {@link Student#dropout()} before each dense layer while training, and a linear layer. Its
     * teacher is any ONNX classifier of a {@code features} input, a tree ensemble included. It reads no
     * {@code embeddingSize} or {@code maxLength}: it has no tokens.
     */
    MLP(Reads.FEATURES, "layers"),
    /**
     * A small residual CNN on images (ResNet-18 style), not on text: a 3x3 convolution stem, three stages of
     * {@link Student#layers()} BasicBlocks each (0: 1; two 3x3 convolutions with BatchNorm and ReLU around an
     * identity shortcut, a strided 1x1 projection where a stage halves the size), global average pooling and a linear
     * layer. The stages are {@link Student#hiddenSize()} / 4, / 2 and / 1 channels wide (hiddenSize is the width of
     * the pooled features the output layer reads; a multiple of 4). Its teacher is an ONNX image classifier in the
     * HuggingFace layout ({@code pixel_values}, {@code preprocessor_config.json}); its data are class folders of
     * images ({@code <split>/<class>/<file>.png}) or a CSV of {@code path} and label. BatchNorm is folded into the
     * convolutions at export. It reads no {@code embeddingSize}, {@code maxLength} or {@code dropout}.
     */
    IMAGE_CNN(Reads.IMAGES, "layers");

    /** What a student reads. */
    public enum Reads {
        /** Tokens of {@link Dataset#textColumn()}. */
        TEXT,
        /** The numeric {@link Dataset#features()} of tabular data. */
        FEATURES,
        /** Images: class folders or a CSV of paths. */
        IMAGES
    }

    /** The text architecture's implementation; empty for MLP and IMAGE_CNN, which their own builds make. */
    private final Optional<String> implementation;
    private final Reads reads;
    private final List<String> ownSettings;

    Architecture(String implementation, String... ownSettings) {
        this.implementation = Optional.of(implementation);
        this.reads = Reads.TEXT;
        this.ownSettings = List.of(ownSettings);
    }

    Architecture(Reads reads, String... ownSettings) {
        this.implementation = Optional.empty();
        this.reads = reads;
        this.ownSettings = List.of(ownSettings);
    }

    /** @return what this student reads: text, numeric features or images */
    public Reads reads() {
        return reads;
    }

    /**
     * Whether this student reads text (tokens of {@link Dataset#textColumn()}); {@code false} for {@link #MLP}, which
     * reads the numeric {@link Dataset#features()} of tabular data, and {@link #IMAGE_CNN}, which reads images.
     *
     * @return true for the text students
     */
    public boolean readsText() {
        return implementation.isPresent();
    }

    /**
     * The fully qualified name of the engine's {@code StudentArchitecture} for this text architecture, which
     * {@code StudentArchitectures} loads; empty for {@link #MLP}, which the tabular build makes.
     *
     * @return e.g. {@code dev.distill.engine.student.bilstm.BiLstmArchitecture} for {@link #BILSTM}
     */
    public Optional<String> implementation() {
        return implementation;
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
