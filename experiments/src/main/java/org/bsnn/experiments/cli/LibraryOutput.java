package org.bsnn.experiments.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the libraries' own console output off the terminal unless {@code --verbose} is given, so
 * that a run prints only the workbench's lines:
 *
 * <ul>
 *   <li>ND4J's start-up banner (backend, BLAS vendor, CPU features, "Backend build information") is
 *       slf4j INFO logging: slf4j-simple's default level becomes WARN, so real warnings still show;
 *   <li>two WARN messages that ND4J M2.1 always logs and that say nothing about the run ("Duplicate
 *       TF op mapping", "No fields found for property name labelsSmoothing") are raised to ERROR;
 *   <li>SameDiff's {@code createGradFunction} prints "Added differentiated op NAME" to {@code
 *       System.out} with {@code println}, once per op of every network it differentiates, with no
 *       switch to turn it off: those lines, and only those, are dropped from standard output.
 * </ul>
 *
 * Settings given explicitly as system properties (e.g. {@code
 * BSNN_JAVA_OPTS=-Dorg.slf4j.simpleLogger.defaultLogLevel=debug}) win. slf4j-simple reads its
 * settings when the first logger is made, which is after the command line is parsed (the CLI itself
 * does not log), so {@link #configure} runs between the two.
 */
final class LibraryOutput {
  private LibraryOutput() {}

  /** The start of SameDiff's per-op line on standard output. */
  static final String SAMEDIFF_GRADIENT_LINE = "Added differentiated op ";

  /** The slf4j-simple settings for a run with or without {@code --verbose}. */
  static Map<String, String> slf4jSettings(boolean verbose) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    if (!verbose) {
      settings.put(
          "org.slf4j.simpleLogger.log.org.nd4j.imports.converters.ImportClassMapping", "error");
      settings.put(
          "org.slf4j.simpleLogger.log.org.nd4j.autodiff.functions.DifferentialFunction", "error");
      // jHDF warns on every file it writes that writing is in alpha; the NIR round-trip tests and
      // tools/nir-check check what it writes
      settings.put("org.slf4j.simpleLogger.log.io.jhdf.WritableHdfFile", "error");
    }
    return settings;
  }

  /**
   * Applies the settings to this process: logging levels, and the filter on standard output unless
   * verbose.
   */
  static void configure(boolean verbose) {
    slf4jSettings(verbose)
        .forEach(
            (key, value) -> {
              if (System.getProperty(key) == null) {
                System.setProperty(key, value);
              }
            });
    if (!verbose) {
      PrintStream out = System.out;
      System.setOut(
          new PrintStream(new LineDropFilter(out, SAMEDIFF_GRADIENT_LINE), true, out.charset()));
    }
  }
}
