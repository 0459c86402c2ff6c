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
 * Event-driven simulation of full-precision (or binary) SNNs: at every timestep only the inputs
 * that spiked contribute to a layer's current. A dense layer adds the weight column of each spiking
 * input, a convolution adds each spiking input's kernel footprint (channels-last, so the inner loop
 * over output channels vectorises); when a layer's input spike rate exceeds {@code denseAbove} that
 * timestep, it is computed densely with ND4J as in {@link TimeSteppedSimulator}. The encoded input
 * (an analog current with direct encoding, computed once per batch) always runs through ND4J.
 * Parallel over the samples of a batch.
 *
 * <p>Same semantics and trace as {@code time-stepped}. Bit-identical when the float sums of the
 * weights are exact (every partial sum representable in float32, e.g. weights that are multiples of
 * a power of two with few significant bits, or binary weights with power-of-two α); otherwise the
 * scatter sums the spiking inputs' weights in another order than ND4J's GEMM, currents differ in
 * the last bits, and a potential within an ulp of its threshold can spike one timestep apart.
 */
public final class EventDrivenSimulator implements Simulator {

  private final KernelEngine engine;

  /** A simulator with the given options. */
  public EventDrivenSimulator(EventDrivenConfig config) {
    this.engine =
        KernelEngine.eventDriven(
            config.timesteps(),
            config.batchSize(),
            config.limit(),
            config.threads(),
            config.denseAbove());
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
