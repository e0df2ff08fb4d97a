package dev.distill.annotations;

/**
 * What tabular data ({@link Dataset#features()}) does with a feature value that is empty or not a number (the
 * literal {@code NaN} counts as missing too).
 */
public enum MissingValues {
    /** The build fails naming the file, the line and the column: the data are to be fixed. The default. */
    ERROR,
    /**
     * The value becomes the mean of that column over the readable values of the training file, the same value in
     * training, dev and transfer rows. Each column with such values is named in the log with how many were replaced.
     */
    MEAN,
    /** The value becomes 0; each column with such values is named in the log with how many were replaced. */
    ZERO
}
