package org.bsnn.experiments.cli;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Turns a command's option values into its options object, rejecting bad values as usage errors.
 */
final class CliOptions {
  private CliOptions() {}

  /**
   * Builds the options; an {@link IllegalArgumentException} from their validation becomes a picocli
   * {@link ParameterException} (a usage error, exit code 2) with the same message.
   */
  static <T> T build(CommandSpec spec, Supplier<T> options) {
    try {
      return options.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
