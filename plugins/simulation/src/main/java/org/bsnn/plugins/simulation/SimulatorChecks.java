package org.bsnn.plugins.simulation;

import org.bsnn.api.config.ConfigChecks;

/**
 * The range checks of the keys every simulator config has, through the API's {@link ConfigChecks};
 * each throws {@link IllegalArgumentException} with the config key and the rejected value.
 */
final class SimulatorChecks {
  private SimulatorChecks() {}

  /**
   * Checks the keys every simulator has, in this order: timesteps >= 1, batchSize >= 1, limit >= 0.
   */
  static void common(int timesteps, int batchSize, int limit) {
    ConfigChecks.atLeastOne("timesteps", timesteps);
    ConfigChecks.atLeastOne("batchSize", batchSize);
    ConfigChecks.atLeastZero("limit", limit);
  }

  /** Requires threads >= 0 (0 = available processors). */
  static void threads(int threads) {
    ConfigChecks.require(
        threads >= 0, "threads must be >= 0 (0 = available processors), got " + threads);
  }
}
