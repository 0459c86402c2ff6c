package org.bsnn.plugins.spark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.bsnn.api.bench.Benchmark;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunLog;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.api.util.WorkbenchVersion;
import org.bsnn.experiments.executor.ExecutorSpec;
import org.bsnn.experiments.executor.JobSource;
import org.bsnn.experiments.runner.ConsoleLog;
import org.bsnn.experiments.runner.ExperimentRunner;
import org.bsnn.experiments.runner.JobRunner;
import org.bsnn.experiments.runner.ResolvedJob;
import org.bsnn.experiments.runner.SimulationStep;

/**
 * {@code bsnn bench spark-sharding [FILE] [shards=N] [OVERRIDE...]}: the simulation of one job
 * (default: the quick vgg-small network in full precision, {@code
 * experiments/quick/fashion-mnist-vgg-small.yaml binarize=none}) with the local executor, then
 * split into N shards (default 4) on Spark {@code local[1]} and {@code local[2]}; prints images x
 * timesteps per second of each and the speed-ups over local, and checks that the traces are
 * identical. The network comes from {@code results/cache} (trained first when missing).
 */
public final class SparkShardingBenchmark implements Benchmark {

  private static final List<String> MASTERS = List.of("local[1]", "local[2]");

  @Override
  public String id() {
    return "spark-sharding";
  }

  @Override
  public String description() {
    return "sharded simulation of one job, local vs Spark local[1] and local[2] (images x"
        + " timesteps/s, speed-up); args: [FILE] [shards=N] [OVERRIDE...]";
  }

  @Override
  public void run(List<String> args, PrintStream out) throws Exception {
    Path home = Path.of(System.getProperty("bsnn.home", ".")).toAbsolutePath().normalize();
    List<String> rest = new ArrayList<>(args);
    Path file = home.resolve("experiments/quick/fashion-mnist-vgg-small.yaml");
    if (!rest.isEmpty() && (rest.get(0).endsWith(".yaml") || rest.get(0).endsWith(".yml"))) {
      file = Path.of(rest.remove(0)).toAbsolutePath();
    } else if (rest.stream().noneMatch(a -> a.startsWith("binarize="))) {
      rest.add("binarize=none");
    }
    // only the simulation is measured: metrics and hardware models would only add time after it
    for (String group : List.of("evaluate", "hardware")) {
      if (rest.stream().noneMatch(a -> a.startsWith(group + "=") || a.startsWith(group + "."))) {
        rest.add(group + "=none");
      }
    }
    int shards = 4;
    for (String a : List.copyOf(rest)) {
      if (a.startsWith("shards=")) {
        try {
          shards = Integer.parseInt(a.substring("shards=".length()));
        } catch (NumberFormatException e) {
          throw new UserFacingException("shards must be a whole number, got '" + a + "'");
        }
        rest.remove(a);
      }
    }
    Path results = home.resolve("results");
    ConsoleLog console = new ConsoleLog(System.err, Clock.systemUTC());
    ExperimentRunner runner =
        new ExperimentRunner(
            new ExperimentRunner.Settings(
                home, results, home.resolve("experiments/conf"), Optional.empty()),
            PluginRegistry.discover(getClass().getClassLoader()),
            console,
            Clock.systemUTC());
    ExperimentRunner.Plan plan = runner.plan(file, rest, List.of());
    ResolvedJob job = plan.jobs().get(0);
    JobSource source =
        new JobSource(
            home.toString(),
            file.toString(),
            rest,
            List.of(),
            home.resolve("experiments/conf").toString(),
            results.toString(),
            plan.experiment().name(),
            WorkbenchVersion.get());
    int shardCount = shards;
    Path jobDir = Files.createTempDirectory("bsnn-bench-spark");
    SimulationStep measured =
        request -> {
          long t0 = System.nanoTime();
          SimulationTrace local = SimulationStep.LOCAL.simulate(request);
          double localSeconds = (System.nanoTime() - t0) / 1e9;
          double work = (double) local.samples() * local.timesteps();
          out.printf(
              Locale.ROOT,
              "job=%s [%s]%nimages=%d%ntimesteps=%d%nshards=%d%n",
              plan.experiment().name(),
              job.spec().variant(),
              local.samples(),
              local.timesteps(),
              shardCount);
          out.printf(Locale.ROOT, "local.imgTimestepsPerSecond=%.1f%n", work / localSeconds);
          for (String master : MASTERS) {
            ExecutorSpec spec = new ExecutorSpec("spark", Optional.of(master), shardCount);
            try (JavaSparkContext context =
                new JavaSparkContext(SparkSettings.of(spec, home, "bsnn-bench"))) {
              context.setLogLevel("WARN");
              ShardedSimulation sharded =
                  new ShardedSimulation(context, source, Versions.here(), shardCount, quiet());
              // once to start the executor threads and load the data, then measured
              sharded.simulate(request);
              long t1 = System.nanoTime();
              SimulationTrace trace = sharded.simulate(request);
              double seconds = (System.nanoTime() - t1) / 1e9;
              out.printf(
                  Locale.ROOT,
                  "spark.%s.imgTimestepsPerSecond=%.1f%nspark.%s.speedup=%.2f%nspark.%s.identical=%s%n",
                  master,
                  work / seconds,
                  master,
                  localSeconds / seconds,
                  master,
                  identical(local, trace));
            }
          }
          return local;
        };
    try (console) {
      new JobRunner(
              jobDir,
              results.resolve("cache"),
              console,
              (task, total) -> Progress.silent(),
              plan.experiment().name(),
              WorkbenchVersion.get(),
              measured)
          .run(job);
    }
  }

  private static boolean identical(SimulationTrace a, SimulationTrace b) {
    return a.timesteps() == b.timesteps()
        && Arrays.equals(a.labels(), b.labels())
        && Arrays.equals(a.predictions(), b.predictions())
        && Arrays.equals(a.exitTimestep(), b.exitTimestep())
        && Arrays.equals(a.correctByTimestep(), b.correctByTimestep())
        && a.spikesByNode().keySet().equals(b.spikesByNode().keySet())
        && a.spikesByNode().entrySet().stream()
            .allMatch(e -> Arrays.equals(e.getValue(), b.spikesByNode().get(e.getKey())))
        && a.inputCurrentNonZero() == b.inputCurrentNonZero()
        && a.firstOutputTimestep() == b.firstOutputTimestep();
  }

  private static RunLog quiet() {
    return new RunLog() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}
    };
  }
}
