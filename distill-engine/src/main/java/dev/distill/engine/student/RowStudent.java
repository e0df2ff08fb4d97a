package dev.distill.engine.student;

import ai.djl.ndarray.types.Shape;

/**
 * A student whose every example is one float tensor of a fixed shape, given flat: a row of tabular features
 * ({@code student.mlp.MlpStudent}) or the preprocessed pixels of an image ({@code student.imagecnn.ImageCnnStudent}).
 * {@code train.RowTrainer} trains any of them on such rows.
 */
public interface RowStudent extends Student {

    /** @return the shape of one example, without the batch dimension: {@code (features)} or {@code (C, H, W)} */
    Shape exampleShape();

    /**
     * @param rows examples, each flat in row-major order of {@link #exampleShape()}
     * @return the batch in the two forms the student runs on
     */
    StudentInputs batch(float[][] rows);
}
