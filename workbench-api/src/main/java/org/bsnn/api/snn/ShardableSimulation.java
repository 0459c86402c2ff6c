package org.bsnn.api.snn;

import java.util.List;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Optimizer;

/**
 * The loop settings and backend behind a simulator built on {@link SpikingSimulation}: what a
 * runner needs to split one simulation into shards ({@link #simulateShard}) whose {@link
 * SimulationShard#merge merged} trace is exactly that of {@link
 * org.bsnn.api.stage.Simulator#simulate}.
 *
 * @param simulation timesteps, batch size and sample limit
 * @param backend the kernels
 */
public record ShardableSimulation(SpikingSimulation simulation, SpikingSimulation.Backend backend) {

  /** The samples a whole run covers: the first {@code limit} of the split (all when 0). */
  public DataSplit samples(DataSplit data) {
    return simulation.limit() > 0 ? data.head(simulation.limit()) : data;
  }

  /**
   * Simulates samples {@code [from, to)} of {@link #samples(DataSplit) samples(data)}, as {@link
   * SpikingSimulation#simulateShard} does.
   */
  public SimulationShard simulateShard(
      SpikingNetwork network,
      DataSplit data,
      int from,
      int to,
      List<Optimizer> optimizers,
      RunContext context) {
    return simulation.simulateShard(network, samples(data), from, to, optimizers, context, backend);
  }
}
