package org.bsnn.plugins.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.bsnn.api.run.RunLog;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.experiments.executor.ExecutorSpec;
import org.bsnn.experiments.executor.JobExecutor;
import org.bsnn.experiments.executor.JobFiles;
import org.bsnn.experiments.executor.JobSource;
import org.bsnn.experiments.executor.WorkerTasks;
import org.bsnn.experiments.runner.ResolvedJob;

/**
 * Runs a run's jobs on Spark. With one shard, every job is one Spark job of one task that runs all
 * its stages on a worker and sends back its files; the jobs are submitted together, so they run as
 * the cluster's cores allow, and each is stored the moment it finishes. With {@code shards > 1} the
 * jobs run here one after another and each simulation is split ({@link ShardedSimulation}). Tasks
 * are pure functions of their input, so a task Spark retries after a lost worker gives the same
 * result, and only the driver writes.
 */
final class SparkExecutor implements JobExecutor {

  private final ExecutorSpec spec;
  private final JavaSparkContext context;
  private final RunLog log;
  private final Versions versions = Versions.here();
  private final java.util.concurrent.atomic.AtomicInteger failedTasks =
      new java.util.concurrent.atomic.AtomicInteger();

  SparkExecutor(ExecutorSpec spec, JavaSparkContext context, RunLog log) {
    this.spec = spec;
    this.context = context;
    this.log = log;
    context
        .sc()
        .addSparkListener(
            new org.apache.spark.scheduler.SparkListener() {
              @Override
              public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) {
                  failedTasks.incrementAndGet();
                }
              }
            });
  }

  @Override
  public void run(List<ResolvedJob> jobs, Driver driver) {
    try {
      runJobs(jobs, driver);
    } finally {
      int failed = failedTasks.get();
      if (failed > 0) {
        log.info(
            "Spark re-ran "
                + failed
                + " failed task try(s) (lost executors or errors); results come from tries that"
                + " finished");
      }
    }
  }

  private void runJobs(List<ResolvedJob> jobs, Driver driver) {
    if (spec.shards() > 1) {
      ShardedSimulation sharded =
          new ShardedSimulation(context, driver.source(), versions, spec.shards(), log);
      for (ResolvedJob job : jobs) {
        driver.runHere(job, sharded);
      }
      return;
    }
    JobSource source = driver.source();
    List<String> failures = new ArrayList<>();
    ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(Math.min(jobs.size(), 64));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (ResolvedJob job : jobs) {
        futures.add(
            pool.submit(
                () -> {
                  String failure = runOne(job, source, driver);
                  if (failure != null) {
                    synchronized (failures) {
                      failures.add(failure);
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          // runOne reports every failure itself; anything else is a bug worth its own message
          throw new IllegalStateException("storing a job failed", e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UserFacingException("interrupted; completed jobs are kept", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (!failures.isEmpty()) {
      failures.sort(null);
      throw new UserFacingException(
          failures.size()
              + " of "
              + jobs.size()
              + " job(s) failed on Spark: "
              + String.join("; ", failures)
              + "; completed jobs are kept, rerun with --resume to continue");
    }
  }

  /** Runs one job as a Spark job and stores it; returns the failure, or null. */
  private String runOne(ResolvedJob job, JobSource source, Driver driver) {
    int index = job.spec().index();
    String hash = job.configHash();
    Versions expected = versions;
    List<JobFiles> result;
    try {
      context.setJobDescription("job " + index + " [" + job.spec().variant() + "]");
      result =
          context
              .parallelize(List.of(index), 1)
              .map(
                  i ->
                      TaskFailure.guard(
                          () -> {
                            expected.check();
                            return WorkerTasks.runJob(source, i, hash);
                          }))
              .collect();
    } catch (Exception e) { // SparkException is checked in Java's eyes but thrown undeclared
      String cause = TaskFailure.describe(e);
      log.warn("job " + index + " failed: " + cause);
      return "job " + index + ": " + cause;
    }
    driver.store(job, result.get(0));
    log.info("job " + index + " [" + job.spec().variant() + "] done on Spark");
    return null;
  }

  @Override
  public void close() {
    context.stop();
  }
}
