package org.bsnn.api.stage;

import java.util.List;
import java.util.Optional;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.ShardableSimulation;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;

/** Simulates a spiking network over a data split and records everything metrics need. */
public non-sealed interface Simulator extends Stage {

  /**
   * Runs the simulation.
   *
   * @param network the converted (and design-time optimized) spiking network
   * @param data the images to classify, in a fixed order
   * @param runtimeOptimizers run-time hooks, called after every timestep (may be empty)
   */
  SimulationTrace simulate(
      SpikingNetwork network,
      DataSplit data,
      List<Optimizer> runtimeOptimizers,
      RunContext context);

  /**
   * The loop and backend behind {@link #simulate}, when the simulator can be split into shards of
   * samples whose merged trace equals one run's (sharded evaluation on several machines); empty
   * when it cannot.
   */
  default Optional<ShardableSimulation> sharding() {
    return Optional.empty();
  }
}
