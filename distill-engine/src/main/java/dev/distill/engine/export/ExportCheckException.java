package dev.distill.engine.export;

/** A check on the exported student failed; the message gives the figures, the threshold and what to do. */
public final class ExportCheckException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message the figures, the threshold and the fix */
    public ExportCheckException(String message) {
        super(message);
    }
}
