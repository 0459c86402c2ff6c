package org.bsnn.plugins.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.bsnn.api.run.RunLog;
import org.bsnn.api.snn.ShardableSimulation;
import org.bsnn.api.snn.SimulationShard;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.experiments.executor.JobSource;
import org.bsnn.experiments.executor.Payloads;
import org.bsnn.experiments.executor.WorkerTasks;
import org.bsnn.experiments.runner.SimulationStep;

/**
 * A job's simulation split into shards of test samples: the network (the ANN and its balancing
 * scales, from which each task converts exactly the driver's spiking network) is broadcast once,
 * each task simulates its range with the job's own simulator backend, and the driver merges the
 * shards' counts ({@link SimulationShard#merge}) into the trace of one run.
 */
final class ShardedSimulation implements SimulationStep {

  private final JavaSparkContext context;
  private final JobSource source;
  private final Versions versions;
  private final int shards;
  private final RunLog log;

  ShardedSimulation(
      JavaSparkContext context, JobSource source, Versions versions, int shards, RunLog log) {
    this.context = context;
    this.source = source;
    this.versions = versions;
    this.shards = shards;
    this.log = log;
  }

  /**
   * Splits {@code [0, samples)} into at most {@code shards} contiguous ranges of near-equal size.
   */
  static List<int[]> ranges(int samples, int shards) {
    int n = Math.max(1, Math.min(shards, samples));
    List<int[]> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int from = (int) ((long) samples * k / n);
      int to = (int) ((long) samples * (k + 1) / n);
      out.add(new int[] {from, to});
    }
    return out;
  }

  @Override
  public SimulationTrace simulate(Request r) {
    ShardableSimulation sharding =
        r.simulator()
            .sharding()
            .orElseThrow(
                () ->
                    new UserFacingException(
                        "job "
                            + r.job().spec().index()
                            + ": its simulator cannot be split into shards; run it with"
                            + " executor.shards=1"));
    int samples = sharding.samples(r.data()).size();
    List<int[]> ranges = ranges(samples, shards);
    int index = r.job().spec().index();
    String hash = r.job().configHash();
    JobSource src = source;
    Versions expected = versions;
    Broadcast<Payloads.NetworkPayload> network =
        context.broadcast(Payloads.NetworkPayload.of(r.ann(), r.scales()));
    long started = System.nanoTime();
    List<Payloads.ShardPayload> parts;
    try {
      context.setJobDescription("job " + index + ": " + ranges.size() + " simulation shards");
      parts =
          context
              .parallelize(ranges, ranges.size())
              .map(
                  range ->
                      TaskFailure.guard(
                          () -> {
                            expected.check();
                            return WorkerTasks.runShard(
                                src, index, hash, network.value(), range[0], range[1]);
                          }))
              .collect();
    } catch (Exception e) { // SparkException is checked in Java's eyes but thrown undeclared
      throw new UserFacingException(
          "job " + index + ": sharded simulation failed: " + TaskFailure.describe(e), e);
    } finally {
      network.destroy();
    }
    List<SimulationShard> merged = new ArrayList<>();
    parts.forEach(p -> merged.add(p.shard()));
    SimulationTrace trace = SimulationShard.merge(merged);
    double seconds = (System.nanoTime() - started) / 1e9;
    log.info(
        String.format(
            Locale.ROOT,
            "job %d: %d images x %d timesteps in %d shards on Spark in %.1f s (%.0f"
                + " img*timesteps/s)",
            index,
            samples,
            trace.timesteps(),
            ranges.size(),
            seconds,
            samples * (double) trace.timesteps() / Math.max(seconds, 1e-9)));
    return trace;
  }
}
