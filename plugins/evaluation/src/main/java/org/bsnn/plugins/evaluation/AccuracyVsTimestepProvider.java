package org.bsnn.plugins.evaluation;

import java.util.List;
import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Metric;

/** Provides the {@code accuracy-vs-timestep} metric. */
public final class AccuracyVsTimestepProvider
    extends AbstractPluginProvider<Metric, AccuracyVsTimestepConfig> {
  /** Registers the plugin. */
  public AccuracyVsTimestepProvider() {
    super(
        "accuracy-vs-timestep",
        Metric.class,
        AccuracyVsTimestepConfig.class,
        new AccuracyVsTimestepConfig(List.of(0.5, 1.0)),
        "SNN accuracy at every timestep, final accuracy, and timesteps to come within x pt of the ANN.");
  }

  @Override
  public Metric create(AccuracyVsTimestepConfig config) {
    return new AccuracyVsTimestepMetric(config);
  }
}
