package org.bsnn.plugins.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real cluster: a standalone master and two workers (one core, 2 GB each) as separate JVMs on
 * 127.0.0.1, this JVM as the driver. The smoke sweep (one task per job) and its sharded simulations
 * give the local run's results.csv byte for byte, also when a worker and its executor are killed
 * with SIGKILL while they compute; a worker without the data is a clear error naming the job.
 * Opt-in group {@code spark} (minutes): {@code ./bsnn test -pl plugins/spark -am
 * -Dtest=SparkClusterTest -Dsurefire.failIfNoSpecifiedTests=false -Dbsnn.test.excludedGroups=
 * -Dgroups=spark}; {@code .ci/run} runs it.
 */
@Tag("spark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterTest {

  @TempDir static Path tmp;

  private static StandaloneCluster cluster;
  private static byte[] local;

  /** Longer jobs than the smoke file's, so a worker can be killed while it computes. */
  private static final String[] LONGER = {"simulate.timesteps=100"};

  @BeforeAll
  static void start() throws Exception {
    CliRuns.Result r = CliRuns.run(CliRuns.SMOKE, tmp.resolve("local"), LONGER);
    assertEquals(0, r.code(), r.err());
    local = CliRuns.results(tmp.resolve("local"), "smoke-pipeline");
    cluster = new StandaloneCluster(tmp.resolve("cluster"), 2);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static CliRuns.Result onCluster(Path results, String... extra) {
    String[] args = new String[LONGER.length + extra.length + 4];
    System.arraycopy(LONGER, 0, args, 0, LONGER.length);
    System.arraycopy(extra, 0, args, LONGER.length, extra.length);
    args[args.length - 4] = "--executor";
    args[args.length - 3] = "spark";
    args[args.length - 2] = "--master";
    args[args.length - 1] = cluster.url();
    return CliRuns.run(CliRuns.SMOKE, results, args);
  }

  @Test
  @Order(1)
  void sweepOnTheClusterGivesTheLocalResults() throws Exception {
    Path dir = tmp.resolve("sweep");
    CliRuns.Result r = onCluster(dir);
    assertEquals(0, r.code(), r.err());
    assertArrayEquals(local, CliRuns.results(dir, "smoke-pipeline"));
  }

  @Test
  @Order(2)
  void shardedSimulationOnTheClusterGivesTheLocalResults() throws Exception {
    Path dir = tmp.resolve("sharded");
    CliRuns.Result r = onCluster(dir, "executor.shards=4");
    assertEquals(0, r.code(), r.err());
    assertArrayEquals(local, CliRuns.results(dir, "smoke-pipeline"));
  }

  @Test
  @Order(3)
  void aWorkerKilledMidTaskIsRetriedWithTheSameResults() throws Exception {
    Path dir = tmp.resolve("killed");
    CompletableFuture<CliRuns.Result> run = CompletableFuture.supplyAsync(() -> onCluster(dir));
    SparkContext context = null;
    while (context == null && !run.isDone()) {
      scala.Option<SparkContext> active = org.apache.spark.SparkContext$.MODULE$.getActive();
      if (active.isDefined()) {
        context = active.get();
      } else {
        Thread.sleep(20);
      }
    }
    assertTrue(context != null, "the run started a Spark context");
    BlockingQueue<String> started = new LinkedBlockingQueue<>();
    context.addSparkListener(
        new SparkListener() {
          @Override
          public void onTaskStart(SparkListenerTaskStart start) {
            started.add(start.taskInfo().executorId());
          }
        });
    CliRuns.Result r;
    try {
      String executor = started.poll(300, TimeUnit.SECONDS);
      assertTrue(executor != null, "a task started");
      Thread.sleep(3_000); // well into the job
      int worker = cluster.workerOf(context.applicationId(), executor);
      assertTrue(worker >= 0, "the worker of executor " + executor);
      assertFalse(run.isDone(), "the run was still going when the worker was killed");
      cluster.kill(worker);
    } finally {
      r = run.get(); // never leave the run's Spark context to the next test
    }
    assertEquals(0, r.code(), r.err());
    assertArrayEquals(local, CliRuns.results(dir, "smoke-pipeline"));
    Path runDir = CliRuns.runDirs(dir, "smoke-pipeline").get(0);
    String log = Files.readString(runDir.resolve("run.log"));
    assertTrue(log.contains("Spark re-ran"), "a task was retried:\n" + log);
  }

  @Test
  @Order(4)
  void aWorkerWithoutTheDataFailsNamingTheJobAndResumeContinues() throws Exception {
    Path fmnist = CliRuns.HOME.resolve("datasets/cache/fashion-mnist");
    Assumptions.assumeTrue(
        Files.isRegularFile(fmnist.resolve("t10k-labels-idx1-ubyte.gz")),
        "needs ./bsnn data fetch fashion-mnist");
    // IDX files by relative path: found under the driver's checkout, not under the workers'
    String[] idx = {
      "dataset=idx",
      "dataset.trainImages=datasets/cache/fashion-mnist/train-images-idx3-ubyte.gz",
      "dataset.trainLabels=datasets/cache/fashion-mnist/train-labels-idx1-ubyte.gz",
      "dataset.testImages=datasets/cache/fashion-mnist/t10k-images-idx3-ubyte.gz",
      "dataset.testLabels=datasets/cache/fashion-mnist/t10k-labels-idx1-ubyte.gz",
      "dataset.trainLimit=300",
      "dataset.testLimit=50"
    };
    Path empty = Files.createDirectories(tmp.resolve("empty-home"));
    System.setProperty(
        "spark.executor.extraJavaOptions",
        SparkSettings.executorJavaOptions(CliRuns.HOME)
            .replace("-Dbsnn.home=" + CliRuns.HOME, "-Dbsnn.home=" + empty));
    Path dir = tmp.resolve("no-data");
    CliRuns.Result failed;
    try {
      failed = onCluster(dir, idx);
    } finally {
      System.clearProperty("spark.executor.extraJavaOptions");
    }
    assertEquals(2, failed.code(), failed.err());
    assertTrue(failed.err().contains("job 0: "), failed.err());
    assertTrue(failed.err().contains(empty.toString()), "names the missing path: " + failed.err());
    assertTrue(failed.err().contains("--resume"), failed.err());
    assertFalse(failed.err().contains("\tat "), failed.err());
    assertFalse(failed.err().contains("Exception"), failed.err());
    List<Path> runs = CliRuns.runDirs(dir, "smoke-pipeline");
    assertTrue(Files.isRegularFile(runs.get(0).resolve("FAILED")));

    String[] resume = Arrays.copyOf(idx, idx.length + 1);
    resume[idx.length] = "--resume";
    CliRuns.Result resumed = onCluster(dir, resume);
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(1, CliRuns.runDirs(dir, "smoke-pipeline").size(), "the failed run was continued");
    assertTrue(Files.isRegularFile(runs.get(0).resolve("results.csv")));
  }
}
