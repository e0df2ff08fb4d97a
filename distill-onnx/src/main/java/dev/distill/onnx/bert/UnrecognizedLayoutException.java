package dev.distill.onnx.bert;

/**
 * A teacher's ONNX graph is not a BERT-family encoder that {@link BertLayout} can follow, so no transformer student
 * can be cut from it. The message names the model, the part looked for and where the walk stopped, and suggests a
 * student that needs no teacher layers.
 */
public final class UnrecognizedLayoutException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String lookedFor;

    UnrecognizedLayoutException(String model, String lookedFor, String stoppedAt) {
        super(model + " is not a BERT-family encoder that distill can cut a transformer student from: it looked"
                + " for " + lookedFor + " and " + stoppedAt + ". Use a student that does not copy teacher layers,"
                + " e.g. @Student(architecture = Architecture.BILSTM).");
        this.lookedFor = lookedFor;
    }

    /** The part of the layout that was not found. */
    public String lookedFor() {
        return lookedFor;
    }
}
