package org.bsnn.api.stage;

import org.bsnn.api.data.DataSplit;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.TimestepView;

/**
 * A latency optimization. Design-time optimizers rewrite the spiking network before simulation
 * ({@link #prepare}); run-time optimizers see the output layer after each timestep and stop samples
 * early ({@link #onTimestep}). Both hooks default to doing nothing.
 */
public non-sealed interface Optimizer extends Stage {

  /** Design-time hook: returns the (possibly rewritten) network to simulate. */
  default SpikingNetwork prepare(SpikingNetwork network, RunContext context) {
    return network;
  }

  /**
   * Design-time hook of the job runner, which also hands over the training split for data-driven
   * optimizers (post-conversion calibration on a few training images; never test images). By
   * default it ignores the data and calls {@link #prepare(SpikingNetwork, RunContext)}.
   *
   * @param train the job's training split
   */
  default SpikingNetwork prepare(SpikingNetwork network, DataSplit train, RunContext context) {
    return prepare(network, context);
  }

  /**
   * Run-time hook, called by the simulator after every timestep with the still-active samples.
   *
   * @return one flag per active sample, {@code true} to stop that sample now; {@code null} to let
   *     all continue
   */
  default boolean[] onTimestep(TimestepView view) {
    return null;
  }
}
