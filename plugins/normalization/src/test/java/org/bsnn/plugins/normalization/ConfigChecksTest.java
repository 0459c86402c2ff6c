package org.bsnn.plugins.normalization;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfigChecksTest {

  @Test
  void percentileCalibrationChecksPercentileThenSamplesThenBatchSize() {
    assertDoesNotThrow(() -> ConfigChecks.percentileCalibration(100, 1, 1));
    assertEquals("percentile must be in (0, 100], got 0.0",
        assertThrows(IllegalArgumentException.class, () -> ConfigChecks.percentileCalibration(0, 0, 0)).getMessage());
    assertEquals("percentile must be in (0, 100], got NaN",
        assertThrows(IllegalArgumentException.class, () -> ConfigChecks.percentileCalibration(Double.NaN, 1, 1))
            .getMessage());
    assertEquals("samples must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> ConfigChecks.percentileCalibration(99, 0, 0)).getMessage());
    assertEquals("batchSize must be >= 1, got -2",
        assertThrows(IllegalArgumentException.class, () -> ConfigChecks.percentileCalibration(99, 1, -2)).getMessage());
  }

  @Test
  void configsKeepTheirMessages() {
    assertEquals("percentile must be in (0, 100], got 100.5",
        assertThrows(IllegalArgumentException.class, () -> new ChannelPercentileConfig(100.5, 1, true, 1)).getMessage());
    assertEquals("batchSize must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new MaxActivationConfig(1, 0)).getMessage());
  }
}
