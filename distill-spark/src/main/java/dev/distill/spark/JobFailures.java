package dev.distill.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkException;

/**
 * The message a failed job ends with: a task's exception reaches the driver wrapped in a {@link SparkException}, as
 * its cause when the exception serializes (the engine's {@code DataFileException} does) and always as text in the
 * wrapper's message. The task's own message is taken out, so a bad row reads as the engine reports it.
 */
final class JobFailures {

    /** "... (TID 3) (host executor driver): some.Exception: the message" up to the end of its line. */
    private static final Pattern TASK_FAILURE = Pattern.compile(
            "most recent failure: .*?\\): (?:[\\w.$]+\\.)?([\\w$]+(?:Exception|Error)): (.*)");

    private JobFailures() {
    }

    /** The message of the task's exception for a failed job, else the exception's own. */
    static String message(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Throwable cause = t.getCause();
            if (t instanceof SparkException && cause != null && !(cause instanceof SparkException)
                    && cause.getMessage() != null) {
                return cause.getMessage(); // the task's exception, sent back whole
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SparkException && t.getMessage() != null) {
                Matcher task = TASK_FAILURE.matcher(t.getMessage());
                if (task.find()) {
                    return task.group(2);
                }
            }
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }
}
