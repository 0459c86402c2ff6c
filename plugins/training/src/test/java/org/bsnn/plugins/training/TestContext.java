package org.bsnn.plugins.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.run.RunLog;

/** A {@link RunContext} for tests: seeded, silent, recording logs, provenance and measurements. */
final class TestContext implements RunContext {

  final List<String> logs = new ArrayList<>();
  final List<Measurement> emitted = new ArrayList<>();
  final Map<String, Object> provenance = new TreeMap<>();
  private final long seed;
  private final Path work;
  private final Path cache;
  private final String upstream;

  TestContext(long seed, Path root) {
    this(seed, root.resolve("work"), root.resolve("cache"), "test-" + seed);
  }

  TestContext(long seed, Path work, Path cache, String upstream) {
    this.seed = seed;
    this.work = work;
    this.cache = cache;
    this.upstream = upstream;
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
    return ensure(work);
  }

  @Override
  public Path cacheDir() {
    return ensure(cache);
  }

  @Override
  public RunLog log() {
    return new RunLog() {
      @Override
      public void info(String message) {
        logs.add(message);
      }

      @Override
      public void warn(String message) {
        logs.add("WARN " + message);
      }
    };
  }

  @Override
  public Progress progress(String task, long total) {
    return Progress.silent();
  }

  @Override
  public void provenance(String key, Object value) {
    provenance.put(key, value);
  }

  @Override
  public void emit(Measurement measurement) {
    emitted.add(measurement);
  }

  @Override
  public String upstreamHash() {
    return upstream;
  }

  private static Path ensure(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
