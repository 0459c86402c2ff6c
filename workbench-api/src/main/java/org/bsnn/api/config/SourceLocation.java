package org.bsnn.api.config;

/**
 * Where a config value came from, for error messages.
 *
 * @param file a file path, or "command line", or "defaults"
 * @param line 1-based line, or 0 when not applicable
 */
public record SourceLocation(String file, int line) {

  /** A value given on the command line. */
  public static SourceLocation commandLine(String argument) {
    return new SourceLocation("command line '" + argument + "'", 0);
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
