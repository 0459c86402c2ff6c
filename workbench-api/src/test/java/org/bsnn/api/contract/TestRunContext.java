package org.bsnn.api.contract;

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

/**
 * A {@link RunContext} for plugin tests: a fixed seed, one {@link SplittableRandom} per purpose
 * derived from (seed, stage, plugin, purpose) with SHA-256 as the runner does, temporary work and
 * cache directories created on first use, and everything the plugin records (provenance,
 * measurements, log lines) kept for assertions. Progress is silent.
 */
public final class TestRunContext implements RunContext {

  private final long seed;
  private final String stage;
  private final String plugin;
  private final Path root;
  private final Map<String, Object> provenance = new TreeMap<>();
  private final List<Measurement> measurements = new ArrayList<>();
  private final List<String> infos = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> progressTasks = new ArrayList<>();

  /**
   * A context with {@code seed}, stage "test" and plugin "test", in a fresh temporary directory.
   */
  public TestRunContext(long seed) {
    this(seed, "test", "test", null);
  }

  /**
   * A context for one stage and plugin.
   *
   * @param root where work and cache directories go (e.g. a JUnit {@code @TempDir}); {@code null}
   *     for a fresh temporary directory created on first use
   */
  public TestRunContext(long seed, String stage, String plugin, Path root) {
    this.seed = seed;
    this.stage = stage;
    this.plugin = plugin;
    this.root = root;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public SplittableRandom random(String purpose) {
    return new SplittableRandom(derive(seed, stage, plugin, purpose));
  }

  /** The runner's derivation, {@link org.bsnn.api.run.Seeds#derive}. */
  public static long derive(long seed, String... parts) {
    return org.bsnn.api.run.Seeds.derive(seed, parts);
  }

  @Override
  public synchronized Path workDir() {
    return directory("work");
  }

  @Override
  public synchronized Path cacheDir() {
    return directory("cache");
  }

  private Path directory(String name) {
    try {
      Path base = root != null ? root : sharedTemp();
      return Files.createDirectories(base.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path temp;

  private Path sharedTemp() throws IOException {
    if (temp == null) {
      temp = Files.createTempDirectory("bsnn-test-" + stage + "-" + plugin + "-");
      temp.toFile().deleteOnExit();
    }
    return temp;
  }

  @Override
  public RunLog log() {
    return new RunLog() {
      @Override
      public void info(String message) {
        synchronized (TestRunContext.this) {
          infos.add(message);
        }
      }

      @Override
      public void warn(String message) {
        synchronized (TestRunContext.this) {
          warnings.add(message);
        }
      }
    };
  }

  @Override
  public synchronized Progress progress(String task, long total) {
    progressTasks.add(task);
    return Progress.silent();
  }

  @Override
  public synchronized void provenance(String key, Object value) {
    provenance.put(key, value);
  }

  @Override
  public synchronized void emit(Measurement measurement) {
    measurements.add(measurement);
  }

  @Override
  public String upstreamHash() {
    return "test-" + stage + "-" + plugin + "-" + seed;
  }

  /** What the plugin recorded with {@link #provenance}, sorted by key. */
  public synchronized Map<String, Object> recordedProvenance() {
    return new TreeMap<>(provenance);
  }

  /** What the plugin emitted, in order. */
  public synchronized List<Measurement> measurements() {
    return List.copyOf(measurements);
  }

  /** Informational log lines, in order. */
  public synchronized List<String> infos() {
    return List.copyOf(infos);
  }

  /** Warnings, in order. */
  public synchronized List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** Tasks for which progress was started, in order. */
  public synchronized List<String> progressTasks() {
    return List.copyOf(progressTasks);
  }
}
