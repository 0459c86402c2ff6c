package org.bsnn.api.snn;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Optimizer;
import org.bsnn.api.util.UserFacingException;

/**
 * A simulator made of a backend's kernel and {@link SimulationLoop}: validates the network and the
 * data, runs the loop with a {@link TraceRecorder}, and logs the throughput. The whole split is one
 * shard; {@link #simulateShard} runs a part whose traces {@link SimulationShard#merge} joins into
 * exactly the trace of one run.
 *
 * @param timesteps T
 * @param batchSize samples simulated together
 * @param limit simulate only the first {@code limit} samples (0 = all)
 */
public record SpikingSimulation(int timesteps, int batchSize, int limit) {

  /** What a simulation backend supplies: its kernels for a network. */
  public interface Backend {
    /** The name in logs, e.g. {@code time-stepped}. */
    String name();

    /**
     * Prepares the network (compiles, packs weights) and returns the factory of its kernels.
     *
     * @throws IllegalArgumentException naming what the backend cannot simulate
     */
    StepKernel.Factory<? extends SpikingKernel> kernels(SpikingNetwork network);
  }

  /** Checks the ranges. */
  public SpikingSimulation {
    if (timesteps < 1 || batchSize < 1 || limit < 0) {
      throw new IllegalArgumentException(
          "need timesteps >= 1, batchSize >= 1, limit >= 0; got "
              + timesteps
              + ", "
              + batchSize
              + ", "
              + limit);
    }
  }

  /** Simulates the split (its first {@code limit} samples when limit > 0). */
  public SimulationTrace simulate(
      SpikingNetwork network,
      DataSplit data,
      List<Optimizer> optimizers,
      RunContext context,
      Backend backend) {
    DataSplit split = limit > 0 ? data.head(limit) : data;
    return simulateShard(network, split, 0, split.size(), optimizers, context, backend).trace();
  }

  /**
   * Simulates samples {@code [from, to)} of {@code data}. Poisson input is drawn per sample from
   * the {@code poisson} stream of {@code context}, so a shard's samples spike as in one run.
   */
  public SimulationShard simulateShard(
      SpikingNetwork network,
      DataSplit data,
      int from,
      int to,
      List<Optimizer> optimizers,
      RunContext context,
      Backend backend) {
    Objects.requireNonNull(backend, "backend");
    Map<String, long[]> shapes;
    StepKernel.Factory<? extends SpikingKernel> kernels;
    try {
      shapes = SpikingDynamics.shapes(network);
      kernels = backend.kernels(network);
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("cannot simulate: " + e.getMessage(), e);
    }
    TraceRecorder recorder = new TraceRecorder(network, shapes, optimizers, timesteps, from, to);
    InputEncoder encoder = InputEncoder.perSample(network.encoding(), context.random("poisson"));
    long started = System.nanoTime();
    try (kernels;
        Progress progress = context.progress("image-timesteps", (long) (to - from) * timesteps)) {
      new SimulationLoop(timesteps, batchSize)
          .run(data, from, to, encoder, kernels, recorder, progress);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    int samples = to - from;
    context
        .log()
        .info(
            String.format(
                Locale.ROOT,
                "%s: simulated %d images x %d timesteps in %.1f s (%.0f img*timesteps/s)",
                backend.name(),
                samples,
                timesteps,
                seconds,
                samples * (double) timesteps / Math.max(seconds, 1e-9)));
    return new SimulationShard(from, recorder.build());
  }
}
