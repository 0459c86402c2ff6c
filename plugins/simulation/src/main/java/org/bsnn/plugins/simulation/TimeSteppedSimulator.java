package org.bsnn.plugins.simulation;

import java.util.List;
import java.util.Optional;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.ShardableSimulation;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingKernel;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingSimulation;
import org.bsnn.api.snn.StepKernel;
import org.bsnn.api.stage.Optimizer;
import org.bsnn.api.stage.Simulator;

/**
 * The reference clock-driven simulator: {@link SpikingSimulation}'s loop with the ND4J {@link
 * TimeSteppedKernel}. Matches the reference code's semantics: initial potential 0, no leak, no
 * lower bound, spike when {@code v >= threshold}; in pipelined mode a node reads its sources'
 * spikes of the previous timestep, in same-step mode those of this timestep. Accuracy is recorded
 * at every timestep from one run. A projection that starts with max pooling is simulated as the
 * spiking max gate ({@link org.bsnn.api.snn.SpikingDynamics.MaxPoolGate}, Rueckauer et al. 2017); a
 * projection's scale multiplies its current.
 *
 * <p>Cost and memory: batched, every temporary is closed, and samples that a run-time optimizer
 * stops are dropped from the batch, so they stop costing compute; the trace is the same as if they
 * had been simulated on and ignored. Poisson input draws from one random stream per sample, so
 * results do not depend on the batch size or on which other samples stopped.
 */
public final class TimeSteppedSimulator implements Simulator, SpikingSimulation.Backend {

  private final TimeSteppedConfig config;
  private final boolean shrink;

  /** A simulator with the given length and batch size. */
  public TimeSteppedSimulator(TimeSteppedConfig config) {
    this(config, true);
  }

  /**
   * A simulator that, when {@code shrink} is false, keeps stopped samples in the batch and only
   * ignores them (the reference semantics, kept to test that shrinking changes nothing).
   */
  TimeSteppedSimulator(TimeSteppedConfig config, boolean shrink) {
    this.config = config;
    this.shrink = shrink;
  }

  @Override
  public SimulationTrace simulate(
      SpikingNetwork network, DataSplit data, List<Optimizer> optimizers, RunContext context) {
    return new SpikingSimulation(config.timesteps(), config.batchSize(), config.limit())
        .simulate(network, data, optimizers, context, this);
  }

  @Override
  public Optional<ShardableSimulation> sharding() {
    return Optional.of(
        new ShardableSimulation(
            new SpikingSimulation(config.timesteps(), config.batchSize(), config.limit()), this));
  }

  @Override
  public String name() {
    return "time-stepped";
  }

  @Override
  public StepKernel.Factory<? extends SpikingKernel> kernels(SpikingNetwork network) {
    return (samples, constant) -> new TimeSteppedKernel(network, shrink, samples, constant);
  }
}
