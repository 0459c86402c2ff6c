package org.bsnn.plugins.simulation;

import java.util.List;
import java.util.Optional;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.ShardableSimulation;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.stage.Optimizer;
import org.bsnn.api.stage.Simulator;
import org.bsnn.plugins.simulation.engine.KernelEngine;

/**
 * Clock-driven simulation with binary layers on packed spikes (Lu &amp; Sengupta 2020: binary SNNs
 * need only additions of ±1 weights gated by binary spikes). Spikes are bits in 64-bit words; a
 * projection with binary weights {@code sign(W)·α} computes, per output neuron, {@code
 * α·(popcount(s & pos) − popcount(s & neg))} as {@code α·(2·popcount(s & pos) − popcount(s))}
 * (im2col on bits for convolutions), or adds the ±1 footprints of the spikes when they are sparse.
 * Full-precision projections (the first and last layer) run through ND4J as in {@link
 * TimeSteppedSimulator}; with direct input the first layer's current is computed once per batch.
 * Parallel over the samples of a batch.
 *
 * <p>Same semantics and trace as {@code time-stepped}. Bit-identical when every binary projection's
 * integer sum times α is exactly what ND4J's float sum of ±α gives: guaranteed when every α (after
 * threshold balancing) is a power of two, e.g. 1 in the crossbar form, whatever the thresholds,
 * biases and reset (the sums are then exact in float32 in any order; fan-in below 2^24). For other
 * α the reference's float sums round, and a potential within an ulp of its threshold can spike one
 * timestep apart.
 */
public final class BitpackedSimulator implements Simulator {

  private final KernelEngine engine;

  /** A simulator with the given options. */
  public BitpackedSimulator(BitpackedConfig config) {
    this.engine =
        KernelEngine.bitpacked(
            config.timesteps(),
            config.batchSize(),
            config.limit(),
            config.threads(),
            config.kernel());
  }

  @Override
  public SimulationTrace simulate(
      SpikingNetwork network, DataSplit data, List<Optimizer> optimizers, RunContext context) {
    return engine.simulate(network, data, optimizers, context);
  }

  @Override
  public Optional<ShardableSimulation> sharding() {
    return Optional.of(engine.sharding());
  }
}
