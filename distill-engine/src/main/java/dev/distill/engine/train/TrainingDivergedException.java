package dev.distill.engine.train;

/** Training produced a NaN or infinite loss or gradient; the message says where and what to try. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message where it happened and what to try */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
