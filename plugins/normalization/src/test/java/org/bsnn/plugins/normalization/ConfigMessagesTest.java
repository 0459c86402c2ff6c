package org.bsnn.plugins.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfigMessagesTest {

  @Test
  void configsNameTheKeyAndTheValue() {
    assertEquals(
        "percentile must be in (0, 100], got 100.5",
        assertThrows(
                IllegalArgumentException.class,
                () -> new ChannelPercentileConfig(100.5, 1, true, 1))
            .getMessage());
    assertEquals(
        "samples must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new PercentileConfig(99, 0, true, 1))
            .getMessage());
    assertEquals(
        "batchSize must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new MaxActivationConfig(1, 0))
            .getMessage());
  }
}
