package org.bsnn.plugins.evaluation;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.plugin.NoConfig;
import org.bsnn.api.stage.Metric;

/** Provides the {@code spikes-per-layer} metric. */
public final class SpikesPerLayerProvider extends AbstractPluginProvider<Metric, NoConfig> {
  /** Registers the plugin. */
  public SpikesPerLayerProvider() {
    super(
        "spikes-per-layer",
        Metric.class,
        NoConfig.class,
        new NoConfig(),
        "Spikes per sample per timestep and mean firing rate of every spiking layer.");
  }

  @Override
  public Metric create(NoConfig config) {
    return new SpikesPerLayerMetric();
  }
}
