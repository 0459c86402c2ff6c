package org.bsnn.plugins.optimization;

import org.bsnn.api.config.ConfigChecks;
import org.bsnn.api.config.Doc;

/**
 * Config of {@link EarlyExitOptimizer}.
 *
 * @param threshold potential (or margin) above which a sample stops
 * @param minTimesteps the earliest timestep at which a sample may stop
 */
public record EarlyExitConfig(
    @Doc(
            "stop a sample when its statistic exceeds this, in output-potential units (accumulated logits), > 0")
        double threshold,
    @Doc("never stop before this timestep, >= 1") int minTimesteps) {

  /** Validates ranges. */
  public EarlyExitConfig {
    if (!(threshold > 0) || !Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be a finite number > 0, got " + threshold);
    }
    ConfigChecks.atLeastOne("minTimesteps", minTimesteps);
  }
}
