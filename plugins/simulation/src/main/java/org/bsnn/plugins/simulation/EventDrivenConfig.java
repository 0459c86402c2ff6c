package org.bsnn.plugins.simulation;

import org.bsnn.api.config.Doc;

/**
 * Config of {@link EventDrivenSimulator}.
 *
 * @param timesteps simulation length T
 * @param batchSize images simulated together
 * @param limit simulate only the first N images of the split (0 = all)
 * @param threads worker threads over the samples of a batch (0 = available processors)
 * @param denseAbove source spike rate (fraction) above which a projection is computed densely with
 *     ND4J for that timestep instead of by scatter-add
 */
public record EventDrivenConfig(
    @Doc("simulation length T in timesteps, >= 1") int timesteps,
    @Doc("images simulated together (memory grows with it), >= 1") int batchSize,
    @Doc("simulate only the first N images of the evaluation split; 0 = all") int limit,
    @Doc("worker threads over the samples of a batch; 0 = available processors") int threads,
    @Doc(
            "source spike rate (fraction, in [0, 1]) above which a layer's input is computed densely with ND4J for that timestep; 1 = never")
        double denseAbove) {

  /** Validates ranges. */
  public EventDrivenConfig {
    SimulatorChecks.common(timesteps, batchSize, limit);
    SimulatorChecks.threads(threads);
    if (!(denseAbove >= 0 && denseAbove <= 1)) {
      throw new IllegalArgumentException(
          "denseAbove must be a fraction in [0, 1], got " + denseAbove);
    }
  }
}
