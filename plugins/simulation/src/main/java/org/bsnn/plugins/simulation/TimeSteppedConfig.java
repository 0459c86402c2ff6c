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
    SimulatorChecks.common(timesteps, batchSize, limit);
  }
}
