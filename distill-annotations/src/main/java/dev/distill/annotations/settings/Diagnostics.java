package dev.distill.annotations.settings;

/**
 * Receives the problems that {@link DescriptorChecks} finds. Settings are named by their dotted path from the
 * descriptor, e.g. {@code data.train}; messages name the setting, its value and what is allowed, without a prefix.
 *
 * <p>The {@code describe} methods decide how a message names a setting; a source of settings that knows more about
 * where a value came from (a command-line property, say) can say so there.
 */
public interface Diagnostics {

    /** Reports an error about the setting with the dotted path {@code setting}. */
    void error(String setting, String message);

    /** Reports an error about element {@code index} of the array setting {@code setting}. */
    void errorAt(String setting, int index, String message);

    /** Reports a warning about a setting: legal, but probably not what was meant. */
    void warning(String setting, String message);

    /**
     * Told of every range a numeric setting is checked against, whether its value is inside or not, so that the
     * ranges are written once, in the checks, and help can list them ({@code distill:help}). Nothing by default.
     *
     * @param setting the dotted path, e.g. {@code alpha}
     * @param range the allowed interval as messages show it, e.g. {@code [0, 1]}
     * @param purpose what the setting does, e.g. {@code alpha weighs the teacher's soft targets against the gold
     *     labels}
     */
    default void range(String setting, String range, String purpose) {
    }

    /**
     * How a message names a setting when it does not show its value.
     *
     * @param setting the dotted path, possibly with an array index, e.g. {@code student.kernelSizes[1]}
     */
    default String describe(String setting) {
        return setting;
    }

    /**
     * How a message names a setting together with its value: {@code setting = value} by default.
     *
     * @param setting the dotted path, possibly with an array index, e.g. {@code student.kernelSizes[1]}
     * @param value the value as it is shown, e.g. {@code 1.5} or {@code "data/train.tsv"}
     */
    default String describe(String setting, String value) {
        return describe(setting) + " = " + value;
    }

    /** A string value as it would be written in Java source: in double quotes, with {@code "} and {@code \} escaped. */
    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
