package dev.distill.runtime.serve;

/**
 * A request the server answers with an error status and a JSON body {@code {"error": message}};
 * the message names the problem and the fix.
 */
final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String retryAfterSeconds;

  HttpError(int status, String message) {
    this(status, message, null);
  }

  private HttpError(int status, String message, String retryAfterSeconds) {
    super(message, null, false, false); // an answer, not a failure: no stack trace
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** A 503 with a {@code Retry-After} header: the client should come back later. */
  static HttpError unavailable(String message, int retryAfterSeconds) {
    return new HttpError(503, message, Integer.toString(retryAfterSeconds));
  }

  int status() {
    return status;
  }

  /** @return the {@code Retry-After} value, or null */
  String retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
