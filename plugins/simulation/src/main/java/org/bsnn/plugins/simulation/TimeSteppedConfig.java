package org.bsnn.plugins.simulation;

import org.bsnn.api.config.Doc;

/**
 * Config of {@link TimeSteppedSimulator}.
 *
 * @param timesteps simulation length T
 * @param batchSize images simulated together
 * @param limit simulate only the first N images of the split (0 = all)
 */
public record TimeSteppedConfig(
    @Doc("simulation length T in timesteps, >= 1") int timesteps,
    @Doc("images simulated together (memory grows with it), >= 1") int batchSize,
    @Doc("simulate only the first N images of the evaluation split; 0 = all") int limit) {

  /** Validates ranges. */
  public TimeSteppedConfig {
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
}
