package org.bsnn.api.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ConfigChecksTest {

  private static String message(Executable check) {
    return assertThrows(IllegalArgumentException.class, check).getMessage();
  }

  @Test
  void rangesIncludeExactlyTheirClosedEnds() {
    assertDoesNotThrow(() -> ConfigChecks.inOpenClosed("percentile", 100, 0, 100));
    assertEquals(
        "percentile must be in (0, 100], got 0.0",
        message(() -> ConfigChecks.inOpenClosed("percentile", 0, 0, 100)));
    assertDoesNotThrow(() -> ConfigChecks.inClosedOpen("dropout", 0, 0, 1));
    assertEquals(
        "dropout must be in [0, 1), got 1.0",
        message(() -> ConfigChecks.inClosedOpen("dropout", 1, 0, 1)));
    assertDoesNotThrow(() -> ConfigChecks.inClosed("activity", 1, 0, 1));
    assertEquals(
        "activity must be in [0, 1], got -0.5",
        message(() -> ConfigChecks.inClosed("activity", -0.5, 0, 1)));
    assertEquals(
        "x must be in [0.5, 2.25), got 3.0",
        message(() -> ConfigChecks.inClosedOpen("x", 3, 0.5, 2.25)));
  }

  @Test
  void countsHaveTheirLowerBoundIncluded() {
    assertDoesNotThrow(() -> ConfigChecks.atLeastOne("batchSize", 1));
    assertEquals(
        "batchSize must be >= 1, got 0", message(() -> ConfigChecks.atLeastOne("batchSize", 0)));
    assertDoesNotThrow(() -> ConfigChecks.atLeastZero("limit", 0));
    assertEquals(
        "limit must be >= 0, got -1", message(() -> ConfigChecks.atLeastZero("limit", -1)));
  }

  @Test
  void nanIsInNoRange() {
    assertEquals(
        "percentile must be in (0, 100], got NaN",
        message(() -> ConfigChecks.inOpenClosed("percentile", Double.NaN, 0, 100)));
    assertThrows(
        IllegalArgumentException.class, () -> ConfigChecks.inClosed("p", Double.NaN, 0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> ConfigChecks.inClosedOpen("p", Double.NaN, 0, 1));
  }

  @Test
  void atLeastOneAndRequireNameTheValue() {
    assertDoesNotThrow(() -> ConfigChecks.atLeastOne("samples", 1));
    assertEquals(
        "samples must be >= 1, got 0", message(() -> ConfigChecks.atLeastOne("samples", 0)));
    assertEquals(
        "batchSize must be >= 1, got -2", message(() -> ConfigChecks.atLeastOne("batchSize", -2)));
    assertDoesNotThrow(() -> ConfigChecks.require(true, "never"));
    assertEquals(
        "nesterov needs a momentum > 0",
        message(() -> ConfigChecks.require(false, "nesterov needs a momentum > 0")));
  }
}
