package dev.distill.runtime.data;

import java.nio.file.Path;

/**
 * Bad input data: the message names the file, the 1-based line (when the problem is on one line)
 * and the offending value, in the form {@code file:line: problem}.
 */
public class DataFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;

  /**
   * @param file the data file
   * @param line the 1-based line of the problem, or 0 when it concerns the whole file
   * @param problem what is wrong, with the value and, where useful, a fix
   */
  public DataFileException(Path file, int line, String problem) {
    this(file, line, problem, null);
  }

  /**
   * @param file the data file
   * @param line the 1-based line of the problem, or 0 when it concerns the whole file
   * @param problem what is wrong, with the value and, where useful, a fix
   * @param cause the underlying error, or null
   */
  public DataFileException(Path file, int line, String problem, Throwable cause) {
    super(location(file, line) + ": " + problem, cause);
    this.file = file;
    this.line = line;
  }

  /** @return the data file */
  public Path file() {
    return file;
  }

  /** @return the 1-based line of the problem, or 0 when it concerns the whole file */
  public int line() {
    return line;
  }

  /**
   * @param file a data file
   * @param line a 1-based line, or 0 for the whole file
   * @return {@code file:line}, or just the file for line 0
   */
  public static String location(Path file, int line) {
    return line > 0 ? file + ":" + line : file.toString();
  }

  /**
   * @param value a value from a data file
   * @return the value in single quotes for a message, cut to a readable length
   */
  public static String quote(String value) {
    String shown = value.length() > 80 ? value.substring(0, 77) + "..." : value;
    return "'" + shown + "'";
  }
}
