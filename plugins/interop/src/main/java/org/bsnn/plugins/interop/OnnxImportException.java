package org.bsnn.plugins.interop;

import org.bsnn.api.util.UserFacingException;

/**
 * An ONNX model the importer cannot bring into the network IR: not an ONNX file, an unsupported
 * operator, or a value the IR cannot express. The message names the file and, where there is one,
 * the node and its operator, so the CLI can print it as is (exit code 2).
 */
public final class OnnxImportException extends UserFacingException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a complete message. */
  public OnnxImportException(String message) {
    super(message);
  }

  /** Creates the exception with a complete message and its cause (kept for --debug). */
  public OnnxImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
