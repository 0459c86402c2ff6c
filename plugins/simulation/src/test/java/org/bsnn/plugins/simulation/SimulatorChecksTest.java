package org.bsnn.plugins.simulation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bsnn.plugins.simulation.engine.KernelChoice;
import org.junit.jupiter.api.Test;

class SimulatorChecksTest {

  private static String message(org.junit.jupiter.api.function.Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  @Test
  void commonChecksTimestepsThenBatchSizeThenLimit() {
    assertDoesNotThrow(() -> SimulatorChecks.common(1, 1, 0));
    assertEquals("timesteps must be >= 1, got 0", message(() -> SimulatorChecks.common(0, 0, -1)));
    assertEquals("batchSize must be >= 1, got 0", message(() -> SimulatorChecks.common(1, 0, -1)));
    assertEquals("limit must be >= 0, got -1", message(() -> SimulatorChecks.common(1, 1, -1)));
  }

  @Test
  void threadsAcceptZero() {
    assertDoesNotThrow(() -> SimulatorChecks.threads(0));
    assertEquals(
        "threads must be >= 0 (0 = available processors), got -1",
        message(() -> SimulatorChecks.threads(-1)));
  }

  @Test
  void configsKeepTheirMessages() {
    assertEquals("limit must be >= 0, got -3", message(() -> new TimeSteppedConfig(1, 1, -3)));
    assertEquals(
        "threads must be >= 0 (0 = available processors), got -1",
        message(() -> new BitpackedConfig(1, 1, 0, -1, KernelChoice.AUTO)));
    assertEquals(
        "denseAbove must be a fraction in [0, 1], got 2.0",
        message(() -> new EventDrivenConfig(1, 1, 0, 0, 2)));
  }
}
