package dev.distill.runtime.data;

/**
 * One row of a data file as read, before labels are mapped.
 *
 * @param line the 1-based line the row starts on
 * @param text the text, never blank
 * @param label the label as written in the file (without surrounding white space; a JSON number
 *     in plain notation, {@code 1.0} as {@code 1}), or null when no label column was asked for
 */
public record TextRow(int line, String text, String label) {}
