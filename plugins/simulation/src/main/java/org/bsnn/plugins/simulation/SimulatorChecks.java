package org.bsnn.plugins.simulation;

/**
 * Range checks shared by the simulator configs; each throws {@link IllegalArgumentException} with
 * the config key and the rejected value.
 */
final class SimulatorChecks {
  private SimulatorChecks() {}

  /**
   * Checks the keys every simulator has, in this order: timesteps >= 1, batchSize >= 1, limit >= 0.
   */
  static void common(int timesteps, int batchSize, int limit) {
    if (timesteps < 1) {
      throw new IllegalArgumentException("timesteps must be >= 1, got " + timesteps);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, got " + limit);
    }
  }

  /** Requires threads >= 0 (0 = available processors). */
  static void threads(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException(
          "threads must be >= 0 (0 = available processors), got " + threads);
    }
  }
}
