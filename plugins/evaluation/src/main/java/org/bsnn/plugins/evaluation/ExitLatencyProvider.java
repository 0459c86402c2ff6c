package org.bsnn.plugins.evaluation;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.plugin.NoConfig;
import org.bsnn.api.stage.Metric;

/** Provides the {@code exit-latency} metric. */
public final class ExitLatencyProvider extends AbstractPluginProvider<Metric, NoConfig> {
  /** Registers the plugin. */
  public ExitLatencyProvider() {
    super(
        "exit-latency",
        Metric.class,
        NoConfig.class,
        new NoConfig(),
        "Timesteps used per sample (mean, median, 95th percentile) and the accuracy of the exit predictions.");
  }

  @Override
  public Metric create(NoConfig config) {
    return new ExitLatencyMetric();
  }
}
