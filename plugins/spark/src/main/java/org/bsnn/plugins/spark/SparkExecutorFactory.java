package org.bsnn.plugins.spark;

import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.bsnn.api.run.RunLog;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.experiments.executor.ExecutorSpec;
import org.bsnn.experiments.executor.JobExecutor;

/**
 * The {@code spark} executor: connects to the master and, on a standalone cluster, waits until an
 * executor has registered, so that a cluster that cannot run the application (no worker with the
 * requested memory, another Spark version) is an error that says so instead of a silent wait.
 */
public final class SparkExecutorFactory implements JobExecutor.Factory {

  /** Seconds to wait for the first executor ({@code -Dbsnn.spark.registrationTimeout=S}). */
  static final long REGISTRATION_SECONDS = Long.getLong("bsnn.spark.registrationTimeout", 90);

  @Override
  public String name() {
    return "spark";
  }

  /**
   * Spark's own log lines that the workbench reports itself, in one line each (a failed task try, a
   * job aborted after its tries): kept off the terminal unless set otherwise ({@code
   * BSNN_JAVA_OPTS=-Dorg.slf4j.simpleLogger.log.org.apache.spark=warn}).
   */
  private static final java.util.Map<String, String> QUIET =
      java.util.Map.of(
          "org.slf4j.simpleLogger.log.org.apache.spark", "error",
          "org.slf4j.simpleLogger.log.org.apache.spark.scheduler.TaskSetManager", "off",
          "org.slf4j.simpleLogger.log.org.apache.hadoop", "error");

  @Override
  public JobExecutor open(ExecutorSpec spec, RunLog log) {
    QUIET.forEach(
        (key, value) -> {
          if (System.getProperty(key) == null) {
            System.setProperty(key, value);
          }
        });
    Path home = Path.of(System.getProperty("bsnn.home", ".")).toAbsolutePath().normalize();
    SparkConf conf = SparkSettings.of(spec, home, "bsnn");
    String master = conf.get("spark.master");
    JavaSparkContext context;
    try {
      context = new JavaSparkContext(conf);
    } catch (Exception e) { // SparkException is checked in Java's eyes but thrown undeclared
      throw new UserFacingException(
          "cannot start Spark with master " + master + ": " + TaskFailure.describe(e), e);
    }
    context.setLogLevel("WARN");
    if (master.startsWith("spark://")) {
      awaitExecutor(context, master);
    }
    log.info("Spark " + context.version() + " at " + master);
    return new SparkExecutor(spec, context, log);
  }

  private static void awaitExecutor(JavaSparkContext context, String master) {
    long deadline = System.nanoTime() + REGISTRATION_SECONDS * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (context.sc().isStopped()) {
        throw new UserFacingException(
            "the Spark master at "
                + master
                + " ended the application before it started (a master of another Spark version"
                + " than this driver's "
                + context.version()
                + "?)");
      }
      // the driver counts as one entry
      if (context.sc().statusTracker().getExecutorInfos().length > 1) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    context.stop();
    throw new UserFacingException(
        "no Spark executor started within "
            + REGISTRATION_SECONDS
            + " s at "
            + master
            + ": check that workers are registered with enough free cores and memory for"
            + " spark.executor.memory (default 1g) and that the cluster runs Spark "
            + context.version()
            + " like this driver");
  }
}
