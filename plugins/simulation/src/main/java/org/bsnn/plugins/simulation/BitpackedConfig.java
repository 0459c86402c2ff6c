package org.bsnn.plugins.simulation;

import org.bsnn.api.config.Doc;
import org.bsnn.plugins.simulation.engine.KernelChoice;

/**
 * Config of {@link BitpackedSimulator}.
 *
 * @param timesteps simulation length T
 * @param batchSize images simulated together
 * @param limit simulate only the first N images of the split (0 = all)
 * @param threads worker threads over the samples of a batch (0 = available processors)
 * @param kernel how binary projections are computed: {@code auto} picks, per sample and timestep,
 *     AND + popcount over all inputs or the ±1 footprints of the spiking inputs by a cost model;
 *     both are exact
 */
public record BitpackedConfig(
    @Doc("simulation length T in timesteps, >= 1") int timesteps,
    @Doc(
            "images simulated together (memory grows with it), >= 1; as the reference, since the full-precision layers run batched in ND4J")
        int batchSize,
    @Doc("simulate only the first N images of the evaluation split; 0 = all") int limit,
    @Doc("worker threads over the samples of a batch; 0 = available processors") int threads,
    @Doc(
            "binary layers: auto (cheaper of popcount and scatter per sample and timestep), popcount (AND + popcount over all inputs) or scatter (±1 footprints of the spiking inputs); all exact")
        KernelChoice kernel) {

  /** Validates ranges. */
  public BitpackedConfig {
    SimulatorChecks.common(timesteps, batchSize, limit);
    SimulatorChecks.threads(threads);
    java.util.Objects.requireNonNull(kernel, "kernel");
  }
}
