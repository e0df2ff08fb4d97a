package dev.distill.runtime;

/**
 * A model could not be loaded: a file is missing, corrupt, inconsistent with {@code config.json}, or
 * fails its checksum. The message always names the file (or classpath resource) at fault.
 */
public class ModelLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong, naming the file
   */
  public ModelLoadException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, naming the file
   * @param cause the underlying error
   */
  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
