package org.bsnn.api.util;

/**
 * An error caused by the user's input (config, data, command line) rather than by a bug. The CLI
 * prints its message as one paragraph and exits with code 2, without a stack trace unless {@code
 * --debug} is given. Messages say what is wrong, where, and what to do.
 */
public class UserFacingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public UserFacingException(String message) {
    super(message);
  }

  /** Creates the exception with its cause (kept for {@code --debug}). */
  public UserFacingException(String message, Throwable cause) {
    super(message, cause);
  }
}
