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

/** A quiet run context for benchmarks: one seed, the same random stream for every simulator. */
final class BenchContext implements RunContext {

  private final long seed;

  BenchContext(long seed) {
    this.seed = seed;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public SplittableRandom random(String purpose) {
    return new SplittableRandom(seed * 31 + purpose.hashCode());
  }

  @Override
  public Path workDir() {
    return temp();
  }

  @Override
  public Path cacheDir() {
    return temp();
  }

  private static Path temp() {
    try {
      return Files.createTempDirectory("bsnn-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
