package dev.distill.engine.student;

import dev.distill.onnx.student.StudentShape;

/** Creates the {@link Student} network that a {@link StudentShape} describes. */
public final class Students {

    private Students() {}

    /**
     * Creates an uninitialized student.
     *
     * @param shape architecture and sizes
     * @param dropout dropout rate on the sentence vector during training, in [0, 1)
     * @return a new student block
     * @throws IllegalArgumentException if a size or the dropout rate is out of range
     */
    public static Student create(StudentShape shape, float dropout) {
        switch (shape.architecture()) {
            case BILSTM:
                return new BiLstmStudent(shape, dropout);
            case CNN:
                return new CnnStudent(shape, dropout);
            case BAG_OF_EMBEDDINGS:
                return new BagOfEmbeddingsStudent(shape, dropout);
            default:
                throw new IllegalArgumentException("unknown architecture " + shape.architecture());
        }
    }
}
