package dev.distill.spring;

/**
 * A configured or bundled model could not be loaded at start-up. The message names the model, the
 * property (or classpath folder) it came from, the path, and what is wrong with it.
 */
public class DistillModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient DistillModel model;

  /**
   * @param model the model
   * @param problem what went wrong
   * @param cause the underlying error, or null
   */
  DistillModelException(DistillModel model, String problem, Throwable cause) {
    super("Cannot load the distill model '" + model.name() + "' from " + model.origin() + ": "
        + problem, cause);
    this.model = model;
  }

  /** @return the model that failed to load */
  public DistillModel model() {
    return model;
  }
}
