package dev.distill.engine.teacher;

import dev.distill.contract.InputKind;
import java.util.Objects;

/**
 * Rows of raw feature values, as a tabular teacher reads them ({@link InputKind#TABULAR}).
 *
 * @param rows the examples, each with the data's feature columns in order
 */
public record FeatureInputs(float[][] rows) implements FloatRows {

    /** Checks that there are rows. */
    public FeatureInputs {
        Objects.requireNonNull(rows, "rows");
    }

    /** @return {@link InputKind#TABULAR} */
    @Override
    public InputKind kind() {
        return InputKind.TABULAR;
    }

    @Override
    public int size() {
        return rows.length;
    }

    @Override
    public float[][] values() {
        return rows;
    }
}
