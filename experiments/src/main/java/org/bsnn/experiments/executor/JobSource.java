package org.bsnn.experiments.executor;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.experiments.runner.ExperimentRunner;
import org.bsnn.experiments.runner.ResolvedJob;

/**
 * What a worker needs to rebuild the jobs of a run: the experiment file, its overrides and the
 * option files (at the same paths as on the driver: a shared folder or the same checkout), the
 * trained-network cache, and the labels every row carries. Paths are strings so that it serialises.
 *
 * @param home the workbench checkout
 * @param file the experiment file, absolute
 * @param overrides command-line overrides
 * @param multirun {@code -m} sweeps
 * @param confDir the option files
 * @param resultsRoot the results folder (its {@code cache/} holds trained networks)
 * @param experiment the experiment's name
 * @param codeVersion version and commit written in every row
 */
public record JobSource(
    String home,
    String file,
    List<String> overrides,
    List<String> multirun,
    String confDir,
    String resultsRoot,
    String experiment,
    String codeVersion)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies the lists. */
  public JobSource {
    overrides = List.copyOf(overrides);
    multirun = List.copyOf(multirun);
  }

  /** The trained-network cache. */
  public Path cacheDir() {
    return Path.of(resultsRoot).resolve("cache");
  }

  /**
   * Job {@code index} composed and validated here, checked to be the driver's job.
   *
   * @throws UserFacingException when the file is missing here or composes to another job (another
   *     workbench version or other option files on this worker)
   */
  public ResolvedJob job(PluginRegistry registry, int index, String configHash) {
    if (!java.nio.file.Files.isRegularFile(Path.of(file))) {
      throw new UserFacingException(
          "the experiment file "
              + file
              + " is not on this worker; the workers need the workbench checkout (experiment"
              + " files, conf/, datasets, results/cache) at the same path as the driver, e.g. on"
              + " a shared folder");
    }
    ExperimentRunner runner =
        new ExperimentRunner(
            new ExperimentRunner.Settings(
                Path.of(home), Path.of(resultsRoot), Path.of(confDir), java.util.Optional.empty()),
            registry,
            new org.bsnn.experiments.runner.ConsoleLog(System.err, java.time.Clock.systemUTC()),
            java.time.Clock.systemUTC());
    ExperimentRunner.Plan plan = runner.plan(Path.of(file), overrides, multirun);
    if (index >= plan.jobs().size() || !plan.jobs().get(index).configHash().equals(configHash)) {
      throw new UserFacingException(
          "job "
              + index
              + " composes differently on this worker than on the driver (config "
              + configHash
              + "); the workers must run the same workbench version with the same experiment"
              + " and option files");
    }
    return plan.jobs().get(index);
  }
}
