package dev.distill.engine.export;

import dev.distill.onnx.prune.PrunedModel;
import java.util.Locale;

/**
 * What vocabulary pruning did to the packaged model.
 *
 * @param applied whether the vocabulary was pruned
 * @param originalRows embedding rows before (0 when not applied)
 * @param keptRows embedding rows after (0 when not applied)
 * @param bytesSaved serialized bytes saved (0 when not applied)
 */
public record PruningSummary(boolean applied, int originalRows, int keptRows, long bytesSaved) {

    /** The vocabulary was kept whole. */
    public static final PruningSummary NOT_APPLIED = new PruningSummary(false, 0, 0, 0);

    /** The summary of a pruning. */
    public static PruningSummary of(PrunedModel pruned) {
        return new PruningSummary(true, pruned.originalRows(), pruned.keptRows(), pruned.bytesSaved());
    }

    /** One line for the report: "off", or the rows kept and the bytes saved. */
    public String describe() {
        return applied ? String.format(Locale.ROOT, "kept %,d of %,d embedding rows, %,d bytes saved", keptRows,
                originalRows, bytesSaved) : "off";
    }
}
