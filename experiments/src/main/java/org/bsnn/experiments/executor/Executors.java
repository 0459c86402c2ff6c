package org.bsnn.experiments.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.bsnn.api.run.RunLog;
import org.bsnn.api.util.UserFacingException;

/** Opens the executor an experiment names: {@code local} here, others from their services. */
public final class Executors {
  private Executors() {}

  /**
   * The executor of {@code spec}, its factory looked up with {@code loader}.
   *
   * @throws UserFacingException when no module on the class path provides it
   */
  public static JobExecutor open(ExecutorSpec spec, ClassLoader loader, RunLog log) {
    if (spec.local()) {
      return new LocalExecutor();
    }
    List<String> found = new ArrayList<>();
    for (JobExecutor.Factory factory : ServiceLoader.load(JobExecutor.Factory.class, loader)) {
      if (factory.name().equals(spec.name())) {
        return factory.open(spec, log);
      }
      found.add(factory.name());
    }
    throw new UserFacingException(
        "the "
            + spec.name()
            + " executor is not on the class path (found: local"
            + (found.isEmpty() ? "" : ", " + String.join(", ", found))
            + "); run through ./bsnn, which adds plugins/"
            + spec.name()
            + " when --executor "
            + spec.name()
            + " is given or the experiment names it, and build it with mvn package");
  }
}
