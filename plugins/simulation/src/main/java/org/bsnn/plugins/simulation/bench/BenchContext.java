package org.bsnn.plugins.simulation.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.run.RunLog;
import org.bsnn.api.run.Seeds;

/** A quiet run context for benchmarks: one seed, the same random stream for every simulator. */
final class BenchContext implements RunContext {

  private final long seed;
  private Path dir;

  BenchContext(long seed) {
    this.seed = seed;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public SplittableRandom random(String purpose) {
    return new SplittableRandom(
        Seeds.derive(
            seed, "bench", purpose)); // the runner's derivation, one stream for every simulator
  }

  @Override
  public Path workDir() {
    return temp();
  }

  @Override
  public Path cacheDir() {
    return temp();
  }

  /**
   * One empty folder per benchmark run (simulators write nothing there), removed when the JVM
   * exits.
   */
  private synchronized Path temp() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("bsnn-bench-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      dir.toFile().deleteOnExit();
    }
    return dir;
  }

  @Override
  public RunLog log() {
    return new RunLog() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {
        System.err.println("warning: " + message);
      }
    };
  }

  @Override
  public Progress progress(String task, long total) {
    return Progress.silent();
  }

  @Override
  public void provenance(String key, Object value) {}

  @Override
  public void emit(Measurement measurement) {}

  @Override
  public String upstreamHash() {
    return "bench-" + seed;
  }
}
