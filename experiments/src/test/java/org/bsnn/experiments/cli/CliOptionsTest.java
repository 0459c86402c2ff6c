package org.bsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

class CliOptionsTest {

  private final CommandSpec spec = new CommandLine(new DiffCommand()).getCommandSpec();

  @Test
  void returnsTheOptions() {
    Object options = new Object();
    assertSame(options, CliOptions.build(spec, () -> options));
  }

  @Test
  void badValuesBecomeUsageErrorsWithTheSameMessage() {
    ParameterException e =
        assertThrows(
            ParameterException.class,
            () ->
                CliOptions.build(
                    spec,
                    () -> {
                      throw new IllegalArgumentException("atol must be >= 0");
                    }));
    assertEquals("atol must be >= 0", e.getMessage());
    assertSame(spec.commandLine(), e.getCommandLine());
  }
}
