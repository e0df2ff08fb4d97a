package dev.distill.annotations.settings;

import java.util.List;

/**
 * The settings of one descriptor, read by name: the values of a {@code @Distill} annotation at compile time, or of a
 * descriptor JSON with overrides applied when the plugin runs. Names are the members of the annotation types
 * ({@code alpha}, {@code kernelSizes}); {@link #nested} steps into {@code data}, {@code student} and
 * {@code augmentation}, {@link #nestedList} into the
 * {@code teacher}s.
 *
 * <p>An implementation may throw an unchecked exception of its own when a value is missing or has the wrong type;
 * the checks do not catch it.
 */
public interface Settings {

    /** A string setting, e.g. {@code train}. */
    String string(String name);

    /** A {@code double} setting; NaN stands for "not set" where the format allows it ({@code finalTemperature}, {@code hiddenWeight}, {@code layerWeight}, {@code attentionWeight}). */
    double real(String name);

    /** An {@code int} setting. */
    int integer(String name);

    /** A {@code long} setting ({@code seed}). */
    long longInteger(String name);

    /** A {@code boolean} setting. */
    boolean flag(String name);

    /** The name of the enum constant of a setting, e.g. {@code "CNN"}. */
    String constant(String name);

    /** A {@code String[]} setting. */
    String[] strings(String name);

    /** An {@code int[]} setting. */
    int[] integers(String name);

    /** The settings of a nested annotation, e.g. {@code student}. */
    Settings nested(String name);

    /**
     * The settings of each annotation of an array member, e.g. {@code teacher}, in order. Each element names its
     * settings with its index when there are several ({@code teacher[1].model}) and without one when it is alone
     * ({@code teacher.model}), as the checks name them.
     */
    List<Settings> nestedList(String name);

    /**
     * Whether setting {@code name} was given explicitly rather than left at its default: written out in the source
     * at compile time, or set by a property override when the plugin runs. Some warnings are only given for
     * settings that were given explicitly.
     */
    boolean isWritten(String name);
}
