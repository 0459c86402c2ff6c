package org.bsnn.experiments.executor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.results.ResultsCsv;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunLog;
import org.bsnn.experiments.runner.JobRunner;
import org.bsnn.experiments.runner.ResolvedJob;
import org.bsnn.experiments.runner.RunFiles;

/**
 * What a task computes on a worker, whatever the cluster: pure functions of their arguments (and of
 * the shared files they read), so a retried task gives the same result.
 */
public final class WorkerTasks {
  private WorkerTasks() {}

  private static volatile PluginRegistry registry;

  /** The plugins on this worker's class path, found once per process. */
  static PluginRegistry registry() {
    if (registry == null) {
      synchronized (WorkerTasks.class) {
        if (registry == null) {
          registry = PluginRegistry.discover(WorkerTasks.class.getClassLoader());
        }
      }
    }
    return registry;
  }

  /**
   * Runs job {@code index} of the source's plan in a temporary folder and returns that folder's
   * files ({@code results.csv} and {@code provenance.json} included) and its log.
   */
  public static JobFiles runJob(JobSource source, int index, String configHash) {
    ResolvedJob job = source.job(registry(), index, configHash);
    Path dir = Payloads.tempDir("bsnn-job-" + index + "-");
    try {
      CollectingLog log = new CollectingLog();
      JobRunner.Outcome outcome =
          new JobRunner(
                  dir.resolve("job"),
                  source.cacheDir(),
                  log,
                  (task, total) -> Progress.silent(),
                  source.experiment(),
                  source.codeVersion())
              .run(job);
      RunFiles.writeJobProvenance(
          dir.resolve("job").resolve("provenance.json"), outcome.provenance());
      ResultsCsv.write(dir.resolve("job").resolve("results.csv"), outcome.rows());
      return new JobFiles(index, Payloads.readTree(dir.resolve("job")), log.lines());
    } finally {
      Payloads.deleteTree(dir);
    }
  }

  /** Simulates samples {@code [from, to)} of job {@code index} from its broadcast network. */
  public static Payloads.ShardPayload runShard(
      JobSource source,
      int index,
      String configHash,
      Payloads.NetworkPayload network,
      int from,
      int to) {
    ResolvedJob job = source.job(registry(), index, configHash);
    Map.Entry<Network, LayerScales> loaded = network.load();
    Path dir = Payloads.tempDir("bsnn-shard-" + index + "-");
    try {
      JobRunner runner =
          new JobRunner(
              dir,
              source.cacheDir(),
              new CollectingLog(),
              (task, total) -> Progress.silent(),
              source.experiment(),
              source.codeVersion());
      Dataset data = dataset(source, index, configHash, () -> runner.openDataset(job));
      return Payloads.ShardPayload.of(
          runner.simulateShard(job, data, loaded.getKey(), loaded.getValue(), from, to));
    } finally {
      Payloads.deleteTree(dir);
    }
  }

  // The dataset of the last job this process simulated shards of: an executor runs many shards of
  // one job in a row, and opening a dataset (reading and normalising every image) costs more than
  // a small shard. Softly held, so it never keeps memory from the simulation.
  private static String cachedKey;
  private static java.lang.ref.SoftReference<Dataset> cachedData;

  private static synchronized Dataset dataset(
      JobSource source, int index, String configHash, java.util.function.Supplier<Dataset> open) {
    String key = source + "#" + index + "#" + configHash;
    Dataset data = key.equals(cachedKey) && cachedData != null ? cachedData.get() : null;
    if (data == null) {
      data = open.get();
      cachedKey = key;
      cachedData = new java.lang.ref.SoftReference<>(data);
    }
    return data;
  }

  /** A log kept in memory, sent back with the job. */
  static final class CollectingLog implements RunLog {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
      lines.add(message);
    }

    @Override
    public void warn(String message) {
      lines.add("warning: " + message);
    }

    List<String> lines() {
      return List.copyOf(lines);
    }
  }
}
