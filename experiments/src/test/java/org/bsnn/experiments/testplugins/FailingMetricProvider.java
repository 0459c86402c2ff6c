package org.bsnn.experiments.testplugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bsnn.api.config.Doc;
import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.stage.Metric;
import org.bsnn.api.util.UserFacingException;

/**
 * The test-only metric {@code test-failing}: fails with a user-facing error when it runs (after
 * training) while a given file exists, the way a plugin fails on input it can only judge at run
 * time; removing the file is the fix a resumed run then finds.
 */
public final class FailingMetricProvider
    extends AbstractPluginProvider<Metric, FailingMetricProvider.Config> {

  /**
   * Its config.
   *
   * @param failWhile the metric fails while this file exists; "" = never
   */
  public record Config(
      @Doc("the metric fails while this file exists; empty = never") String failWhile) {
    /** Defaults to never failing. */
    public Config {
      failWhile = failWhile == null ? "" : failWhile;
    }
  }

  /** Registers the plugin. */
  public FailingMetricProvider() {
    super(
        "test-failing",
        Metric.class,
        Config.class,
        new Config(""),
        "Test-only metric that fails when it runs.");
  }

  @Override
  public Metric create(Config config) {
    return (evaluation, context) -> {
      if (config.failWhile().isEmpty() || !Files.exists(Path.of(config.failWhile()))) {
        return List.<Measurement>of();
      }
      throw new UserFacingException(
          "test-failing: failing on purpose while " + config.failWhile() + " exists");
    };
  }
}
