package dev.distill.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The small network that learns from the teacher. Used only as the value of {@link Distill#student()}. The student
 * reuses the first teacher's tokenizer (and so its vocabulary; see {@link Distill#pruneVocabulary()}) unless
 * {@link #tokenizer()} names another.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Student {

    /**
     * The kind of network; see {@link Architecture}.
     *
     * @return the architecture; {@link Architecture#BILSTM} by default
     */
    Architecture architecture() default Architecture.BILSTM;

    /**
     * The width of the token embeddings. In [8, 1024]. Not used by a {@link Architecture#TRANSFORMER}, whose width is
     * its teacher's.
     * The embedding table is most of a student's size.
     *
     * @return the embedding size; 128 by default
     */
    int embeddingSize() default 128;

    /**
     * The width of the hidden layer: LSTM units per direction ({@link Architecture#BILSTM}), filters per kernel size
     * ({@link Architecture#CNN}), hidden units ({@link Architecture#BAG_OF_EMBEDDINGS}), the units of each hidden
     * layer ({@link Architecture#MLP}), the channels of the last stage ({@link Architecture#IMAGE_CNN}: its stages are
     * hiddenSize / 4, / 2 and / 1 wide, so a multiple of 4; 64 gives 16, 32 and 64), or the feed-forward units of each
     * layer ({@link Architecture#TRANSFORMER}: not used, it is its teacher's). In [8, 4096], or 0 for the
     * architecture's own: 256 for the text students, 512 for an MLP, 48 for an IMAGE_CNN.
     *
     * @return the hidden size; 0 by default (the architecture's: 256 text, 512 MLP, 48 IMAGE_CNN)
     */
    int hiddenSize() default 0;

    /**
     * The convolution widths, in tokens, of a {@link Architecture#CNN} student: one convolution per entry. Non-empty,
     * each in [1, 16], no duplicates. Ignored by the other architectures (setting it there is a warning).
     *
     * @return the kernel sizes; {3, 4, 5} by default (Kim, 2014)
     */
    int[] kernelSizes() default {3, 4, 5};

    /**
     * The encoder layers of a {@link Architecture#TRANSFORMER} student, the hidden layers of an
     * {@link Architecture#MLP}, or the BasicBlocks per stage of an {@link Architecture#IMAGE_CNN}. In [0, 48]; 0 chooses
     * for you: for a TRANSFORMER half of the teacher's layers, rounded up (DistilBERT's choice), or as many as
     * {@link #teacherLayers()} lists; for an MLP 3; for an IMAGE_CNN 1. Ignored by the other
     * architectures (setting it there is a warning).
     *
     * @return the number of layers; 0 (chosen for you) by default
     */
    int layers() default 0;

    /**
     * The teacher layers a {@link Architecture#TRANSFORMER} student starts from, counted from 1 as "layer k" is in
     * the papers (1 is the layer after the embeddings, the last is the teacher's layer count): student layer i starts
     * as the i-th listed one. Increasing, each at least 1 and at most the teacher's layer count (checked at build
     * time against the teacher); when {@link #layers()} is set too, it lists that many. Ignored by the other
     * architectures (setting it there is a warning).
     *
     * @return the teacher layers to copy; {} by default: evenly spaced over the teacher's layers, always including
     *     the last one (a 6-layer teacher and 3 layers: {2, 4, 6})
     */
    int[] teacherLayers() default {};

    /**
     * The attention heads of each layer of a {@link Architecture#TRANSFORMER} student. In [1, 64]. Not used: a
     * TRANSFORMER is cut from its teacher and has the teacher's heads (the build says so, and warns when this is set
     * to another value).
     * Ignored by the other architectures (setting it there is a warning).
     *
     * @return the number of heads; 4 by default
     */
    int heads() default 4;

    /**
     * The hashed word-pair buckets of a {@link Architecture#BAG_OF_EMBEDDINGS} student (fastText's bigrams): a second
     * table of this many rows, {@link #embeddingSize()} wide, looked up for every pair of adjacent real tokens by
     * {@code (id[i] * 116049371 + id[i + 1]) mod bigramBuckets}, whose rows are averaged with the token embeddings.
     * It gives the bag the word order it otherwise lacks ("not good" is not "good"); pairs that share a bucket share
     * a row. In [0, 1048576]; 0 turns bigrams off. The table adds {@code bigramBuckets x embeddingSize} weights
     * (one byte each in the int8 model). Ignored by the other architectures (setting it there is a warning).
     *
     * @return the number of bigram buckets; 0 (off) by default
     */
    int bigramBuckets() default 0;

    /** The most {@link #bigramBuckets()}: the range the compiler and the build check it against. */
    int MAX_BIGRAM_BUCKETS = 1 << 20;

    /**
     * The longest input, in tokens, that the student sees; longer texts are truncated. In [4, 512].
     *
     * @return the student's maximum sequence length; 64 by default
     */
    int maxLength() default 64;

    /**
     * The dropout probability applied to the embeddings and before the output layer while training (an
     * {@link Architecture#MLP}: before each dense layer). In [0, 0.9], or NaN for the architecture's own: 0.1 for the
     * text students, 0 for an MLP (which learns from the teacher's soft targets on MUNGE rows, regularizer enough:
     * dropout 0.1 cost a 3 x 512 covertype MLP about 3 points). An IMAGE_CNN has none.
     *
     * @return the dropout probability; NaN by default (the architecture's: 0.1 text, 0 MLP)
     */
    double dropout() default Double.NaN;

    /**
     * Where the token-embedding table starts from: the teacher's word embeddings (projected by PCA onto
     * {@link #embeddingSize()} dimensions when the widths differ) or random rows. A student that starts from the
     * teacher's embeddings knows the words before it has seen a training text, which matters most for words that
     * are rare in the training data.
     *
     * @return {@link Embeddings#AUTO} by default: the teacher's table when it can be read, otherwise random
     */
    Embeddings embeddings() default Embeddings.AUTO;

    /**
     * The {@code tokenizer.json} the student reads text with, relative to the project base directory. Each teacher
     * still labels the texts with its own tokenizer; this one only cuts them into the student's token ids, and it
     * ships beside the student. Useful when the teachers of an ensemble read different vocabularies, or to give a
     * small student a smaller vocabulary.
     *
     * <p>With a vocabulary other than the first teacher's (other tokens, or the same tokens with other ids), the
     * student cannot start from the teacher's word embeddings ({@link Embeddings#AUTO} then starts from random rows,
     * and the build says why; {@link Embeddings#TEACHER} fails), and a {@link Architecture#TRANSFORMER}, which is
     * cut from the teacher, fails. Not used by an {@link Architecture#MLP}, which reads no text.
     *
     * @return the student's tokenizer; {@code ""} by default: the first teacher's
     */
    String tokenizer() default "";
}
