package dev.distill.engine.softtargets;

import java.util.Objects;

/**
 * One row of a soft-target folder as a {@link SoftTargetReader} read it, not yet checked.
 *
 * @param location names the row in a message: its file and 1-based row, e.g. {@code part-00000.parquet row 17}
 * @param sha256 the row's {@value SoftTargetColumns#SHA256}
 * @param text the row's text
 * @param logits the row's logits, as stored
 * @param pooled the row's sentence vector, or null when the folder has no {@value SoftTargetColumns#POOLED} column
 */
public record SoftTargetRow(String location, String sha256, String text, float[] logits, float[] pooled) {

    /** Checks the required parts. */
    public SoftTargetRow {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(logits, "logits");
    }
}
