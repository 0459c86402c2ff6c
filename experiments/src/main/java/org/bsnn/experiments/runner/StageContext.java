package org.bsnn.experiments.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.run.RunLog;
import org.bsnn.api.util.IoErrors;
import org.bsnn.api.util.UserFacingException;

/**
 * The {@link RunContext} of one stage of one job. Randomness is derived from (seed, stage, plugin,
 * purpose) with SHA-256, so it does not depend on the order in which stages ask for it.
 */
final class StageContext implements RunContext {

  private final long seed;
  private final String group;
  private final String pluginId;
  private final Path workDir;
  private final Path cacheDir;
  private final RunLog log;
  private final BiFunction<String, Long, Progress> progressFactory;
  private final String upstreamHash;
  private final Map<String, Object> provenance = new TreeMap<>();
  private final List<Measurement> measurements = new ArrayList<>();
  private boolean cacheWarned;

  StageContext(
      long seed,
      String group,
      String pluginId,
      Path workDir,
      Path cacheDir,
      RunLog log,
      BiFunction<String, Long, Progress> progressFactory,
      String upstreamHash) {
    this.seed = seed;
    this.group = group;
    this.pluginId = pluginId;
    this.workDir = workDir;
    this.cacheDir = cacheDir;
    this.log = log;
    this.progressFactory = progressFactory;
    this.upstreamHash = upstreamHash;
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public SplittableRandom random(String purpose) {
    return new SplittableRandom(derive(seed, group, pluginId, purpose));
  }

  /** The runner's derivation, {@link org.bsnn.api.run.Seeds#derive}. */
  static long derive(long seed, String... parts) {
    return org.bsnn.api.run.Seeds.derive(seed, parts);
  }

  @Override
  public Path workDir() {
    try {
      return Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot create the work folder " + workDir + ": " + IoErrors.describe(e), e);
    }
  }

  /**
   * The cache folder. A cache that cannot be created is not an error: the cache only saves time, so
   * this warns (once per stage) and returns the folder anyway; reads then find nothing, and a
   * plugin's write to it fails for the plugin to handle.
   */
  @Override
  public Path cacheDir() {
    try {
      return Files.createDirectories(cacheDir);
    } catch (IOException e) {
      if (!cacheWarned) {
        cacheWarned = true;
        log.warn(
            "cannot create the cache folder "
                + cacheDir
                + " ("
                + IoErrors.describe(e)
                + "); continuing without the cache");
      }
      return cacheDir;
    }
  }

  @Override
  public RunLog log() {
    return log;
  }

  @Override
  public Progress progress(String task, long total) {
    return progressFactory.apply(group + "/" + pluginId + " " + task, total);
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
    return upstreamHash;
  }

  /** What the plugin recorded for provenance. */
  synchronized Map<String, Object> recordedProvenance() {
    return new TreeMap<>(provenance);
  }

  /** What the plugin emitted. */
  synchronized List<Measurement> emitted() {
    return List.copyOf(measurements);
  }
}
