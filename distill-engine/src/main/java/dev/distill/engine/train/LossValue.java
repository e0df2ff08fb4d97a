package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The loss of one batch and the unweighted value of each of its terms.
 *
 * @param total the scalar loss, the weighted sum of the terms
 * @param terms each computed term's unweighted scalar value, by term name, in the loss's order
 */
public record LossValue(NDArray total, Map<String, NDArray> terms) {

    /** Keeps the order of the terms. */
    public LossValue {
        Objects.requireNonNull(total, "total");
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    }
}
