package dev.distill.onnx.bert;

/**
 * Thrown inside the readers when a part of the layout is not where a BERT-family graph has it; {@link BertLayout}
 * turns it into an {@link UnrecognizedLayoutException} that names the model.
 */
final class NotFound extends RuntimeException {

    private final String lookedFor;
    private final String stoppedAt;

    /**
     * @param lookedFor the part that was looked for, e.g. "the query, key and value projections of layer 3"
     * @param stoppedAt where the walk stopped and what it found there
     */
    NotFound(String lookedFor, String stoppedAt) {
        super(lookedFor + ": " + stoppedAt, null, false, false);
        this.lookedFor = lookedFor;
        this.stoppedAt = stoppedAt;
    }

    String lookedFor() {
        return lookedFor;
    }

    String stoppedAt() {
        return stoppedAt;
    }
}
