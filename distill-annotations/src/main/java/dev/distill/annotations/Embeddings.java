package dev.distill.annotations;

/** Where a student's token-embedding table starts from; see {@link Student#embeddings()}. */
public enum Embeddings {
    /**
     * {@link #TEACHER} when the teacher's word-embedding table can be read and matches the tokenizer's vocabulary,
     * otherwise {@link #RANDOM}; the build log and the report say which, and why.
     */
    AUTO,
    /**
     * The teacher's word-embedding table (the {@code [vocabulary, width]} table that its {@code Gather} on
     * {@code input_ids} reads; an int8 table is dequantized), projected onto {@link Student#embeddingSize()}
     * dimensions by PCA when the widths differ, and scaled to the random initialisation's spread. A teacher without
     * such a table fails the build.
     */
    TEACHER,
    /** Random rows (normal, standard deviation 0.1). */
    RANDOM
}
