package org.bsnn.experiments.runner;

import java.util.List;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.stage.Optimizer;
import org.bsnn.api.stage.Simulator;

/**
 * How {@link JobRunner} runs a job's simulation stage: in this process ({@link #LOCAL}), or split
 * into shards of samples computed elsewhere and merged (an executor's sharded evaluation), which
 * must give exactly the trace of {@link #LOCAL}.
 */
@FunctionalInterface
public interface SimulationStep {

  /** The simulator's own run over the whole split. */
  SimulationStep LOCAL =
      r -> r.simulator().simulate(r.network(), r.data(), r.optimizers(), r.context());

  /** Runs the simulation of one job. */
  SimulationTrace simulate(Request request);

  /**
   * One job's simulation.
   *
   * @param job the job
   * @param simulator its simulate stage's plugin
   * @param ann the network it was converted from (what a shard rebuilds the spiking network from)
   * @param scales the normalizer's scales used in that conversion
   * @param network the converted, design-time optimized spiking network
   * @param data the test split
   * @param optimizers run-time optimizers, prepared
   * @param context the simulate stage's context
   */
  record Request(
      ResolvedJob job,
      Simulator simulator,
      Network ann,
      LayerScales scales,
      SpikingNetwork network,
      DataSplit data,
      List<Optimizer> optimizers,
      RunContext context) {}
}
