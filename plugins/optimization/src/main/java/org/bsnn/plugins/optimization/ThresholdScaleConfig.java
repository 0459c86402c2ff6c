package org.bsnn.plugins.optimization;

import java.util.List;
import org.bsnn.api.config.Doc;

/**
 * Config of {@link ThresholdScaleOptimizer}.
 *
 * @param factor multiplier of every spiking layer's threshold
 * @param perLayer optional multipliers, one per spiking layer in order (overrides factor)
 */
public record ThresholdScaleConfig(
    @Doc("multiply every spiking layer's threshold by this, > 0 (< 1 trades accuracy for latency)")
        double factor,
    @Doc("one multiplier per spiking layer in network order; empty = use factor everywhere")
        List<Double> perLayer) {

  /** Validates ranges. */
  public ThresholdScaleConfig {
    perLayer = List.copyOf(perLayer);
    if (!(factor > 0) || !Double.isFinite(factor)) {
      throw new IllegalArgumentException("factor must be a finite number > 0, got " + factor);
    }
    for (Double f : perLayer) {
      if (f == null || !(f > 0) || !Double.isFinite(f)) {
        throw new IllegalArgumentException(
            "perLayer factors must be finite numbers > 0, got " + perLayer);
      }
    }
  }
}
