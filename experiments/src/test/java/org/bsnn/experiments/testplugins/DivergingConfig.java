package org.bsnn.experiments.testplugins;

import org.bsnn.api.config.Doc;

/** Config of the test-only {@code test-diverging} trainer. */
public record DivergingConfig(
    @Doc("which weight (C-order index) of the first weighted layer becomes NaN, >= 0") int index) {
  /** Validates the range. */
  public DivergingConfig {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, got " + index);
    }
  }
}
