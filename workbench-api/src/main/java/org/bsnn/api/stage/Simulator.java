package org.bsnn.api.stage;

import java.util.List;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.run.RunContext;
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
}
