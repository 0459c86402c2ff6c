package org.bsnn.api.data;

import org.bsnn.api.util.UserFacingException;

/** Data files are missing, corrupt or unverified; the message says where and what fixes it. */
public class DataUnavailableException extends UserFacingException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the file and the fix. */
  public DataUnavailableException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public DataUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
