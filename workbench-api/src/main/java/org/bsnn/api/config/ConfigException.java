package org.bsnn.api.config;

import org.bsnn.api.util.UserFacingException;

/** A config is malformed or invalid; the message names file, line, key and what is allowed. */
public class ConfigException extends UserFacingException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ConfigException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
