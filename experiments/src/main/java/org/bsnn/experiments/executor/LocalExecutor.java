package org.bsnn.experiments.executor;

import java.util.List;
import org.bsnn.experiments.runner.ResolvedJob;
import org.bsnn.experiments.runner.SimulationStep;

/** Every job in this process, one after another; the first failure ends the run. */
public final class LocalExecutor implements JobExecutor {

  @Override
  public void run(List<ResolvedJob> jobs, Driver driver) {
    for (ResolvedJob job : jobs) {
      driver.runHere(job, SimulationStep.LOCAL);
    }
  }

  @Override
  public void close() {}
}
