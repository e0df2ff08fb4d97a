package dev.distill.engine;

/** The shipped student keeps less of the teacher's accuracy than {@code minRetention} asks. */
public final class QualityGateException extends RuntimeException {

    public QualityGateException(String message) {
        super(message);
    }
}
