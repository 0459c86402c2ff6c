package org.bsnn.plugins.evaluation;

import java.util.List;
import org.bsnn.api.config.Doc;

/**
 * Config of {@link AccuracyVsTimestepMetric}.
 *
 * @param within accuracy gaps to the ANN, in percentage points, for "timesteps to within x pt"
 */
public record AccuracyVsTimestepConfig(
    @Doc(
            "gaps to the ANN's accuracy in percentage points; for each, the first timestep at which the SNN is within it")
        List<Double> within) {
  /** Validates the gaps. */
  public AccuracyVsTimestepConfig {
    within = List.copyOf(within);
    if (within.stream().anyMatch(w -> w == null || !(w >= 0) || !Double.isFinite(w))) {
      throw new IllegalArgumentException(
          "within must list finite gaps >= 0 (percentage points), got " + within);
    }
  }
}
