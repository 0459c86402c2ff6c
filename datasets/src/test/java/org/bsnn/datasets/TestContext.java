package org.bsnn.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.Progress;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.run.RunLog;

/** A run context for tests: records provenance and log lines. */
public final class TestContext implements RunContext {

  public final Map<String, Object> provenance = new LinkedHashMap<>();
  public final List<String> lines = new ArrayList<>();
  private final Path dir;

  public TestContext(Path dir) {
    this.dir = dir;
  }

  @Override
  public long seed() {
    return 0;
  }

  @Override
  public SplittableRandom random(String purpose) {
    return new SplittableRandom(purpose.hashCode());
  }

  @Override
  public Path workDir() {
    return dir;
  }

  @Override
  public Path cacheDir() {
    return dir;
  }

  @Override
  public RunLog log() {
    return new RunLog() {
      @Override
      public void info(String message) {
        lines.add("INFO " + message);
      }

      @Override
      public void warn(String message) {
        lines.add("WARN " + message);
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
  public void emit(Measurement measurement) {}

  @Override
  public String upstreamHash() {
    return "test";
  }
}
