package org.bsnn.experiments.executor;

import java.util.List;
import org.bsnn.api.run.RunLog;
import org.bsnn.experiments.runner.ResolvedJob;
import org.bsnn.experiments.runner.SimulationStep;

/**
 * Where the jobs of a run are computed. The driver (this process) alone writes the run directory:
 * an executor hands every finished job to the {@link Driver}, which writes it atomically, so {@code
 * --resume}, {@code bsnn diff}, figures and reports see the same files whichever executor ran the
 * jobs. Implementations other than {@code local} come from {@link Factory} services, so their
 * libraries are on the class path only when chosen.
 */
public interface JobExecutor extends AutoCloseable {

  /**
   * Runs the jobs and returns when every one has finished or failed.
   *
   * @throws org.bsnn.api.util.UserFacingException naming the failed jobs and their causes, after
   *     every other job was stored
   */
  void run(List<ResolvedJob> jobs, Driver driver);

  /** Releases the executor's resources (a Spark context). */
  @Override
  void close();

  /** What the run directory's owner offers an executor. */
  interface Driver {
    /** What a worker needs to rebuild the run's jobs. */
    JobSource source();

    /**
     * Runs a job in this process and stores it.
     *
     * @param simulation how its simulation stage runs (split into shards, or not)
     * @throws org.bsnn.api.util.UserFacingException when the job fails (already logged)
     */
    void runHere(ResolvedJob job, SimulationStep simulation);

    /** Stores a job computed elsewhere: its files, written atomically, results last. */
    void store(ResolvedJob job, JobFiles files);
  }

  /** Makes an executor of one name; listed in {@code META-INF/services}. */
  interface Factory {
    /** The name in {@code executor:}. */
    String name();

    /**
     * Opens the executor (connects to its cluster).
     *
     * @throws org.bsnn.api.util.UserFacingException when it cannot start (unreachable master)
     */
    JobExecutor open(ExecutorSpec spec, RunLog log);
  }
}
