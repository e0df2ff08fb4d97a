package dev.distill.engine.student;

import dev.distill.onnx.student.StudentSizes;

/**
 * A student's first embedding table, instead of random rows: for example the teacher's word embeddings, projected
 * onto the student's width.
 *
 * @param table row-major {@code [vocabulary, embeddingSize]}
 * @param source what the rows are, for the log and the report (e.g. the teacher's table and the PCA it went through)
 */
public record InitialEmbeddings(float[] table, String source) {

    /** Checks that the table fits a student of these sizes. */
    void check(StudentSizes sizes) {
        long expected = (long) sizes.vocabularySize() * sizes.embeddingSize();
        if (table.length != expected) {
            throw new IllegalArgumentException("the initial embedding table has " + table.length + " values; the"
                    + " student needs " + sizes.vocabularySize() + " x " + sizes.embeddingSize() + " = " + expected);
        }
    }
}
