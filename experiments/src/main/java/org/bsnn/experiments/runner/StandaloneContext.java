package org.bsnn.experiments.runner;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.run.RunLog;

/**
 * A {@link RunContext} for work outside an experiment run ({@code bsnn data fetch}, benchmarks):
 * seed 0, work in the results cache, provenance and measurements discarded.
 */
public final class StandaloneContext implements RunContext {

  private final StageContext delegate;

  /** A context for {@code group/plugin} logging to {@code log}. */
  public StandaloneContext(ConsoleLog log, String group, String plugin) {
    Path home = Path.of(System.getProperty("bsnn.home", ".")).toAbsolutePath();
    Path cache = home.resolve("results").resolve("cache");
    this.delegate =
        new StageContext(
            0,
            group,
            plugin,
            cache.resolve("standalone").resolve(group + "-" + plugin),
            cache,
            log,
            (task, total) ->
                new ConsoleProgress(
                    task, total, log.console(), log, System::nanoTime, 5_000_000_000L),
            "");
  }

  @Override
  public long seed() {
    return delegate.seed();
  }

  @Override
  public SplittableRandom random(String purpose) {
    return delegate.random(purpose);
  }

  @Override
  public Path workDir() {
    return delegate.workDir();
  }

  @Override
  public Path cacheDir() {
    return delegate.cacheDir();
  }

  @Override
  public RunLog log() {
    return delegate.log();
  }

  @Override
  public Progress progress(String task, long total) {
    return delegate.progress(task, total);
  }

  @Override
  public void provenance(String key, Object value) {}

  @Override
  public void emit(Measurement measurement) {}

  @Override
  public String upstreamHash() {
    return "";
  }
}
