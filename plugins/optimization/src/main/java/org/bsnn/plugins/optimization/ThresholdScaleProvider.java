package org.bsnn.plugins.optimization;

import java.util.List;
import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Optimizer;

/** Provides the {@code threshold-scale} optimizer. */
public final class ThresholdScaleProvider
    extends AbstractPluginProvider<Optimizer, ThresholdScaleConfig> {
  /** Registers the plugin. */
  public ThresholdScaleProvider() {
    super(
        "threshold-scale",
        Optimizer.class,
        ThresholdScaleConfig.class,
        new ThresholdScaleConfig(1.0, List.of()),
        "Design-time threshold scaling: multiply spiking thresholds by a factor (< 1 trades accuracy for latency).");
  }

  @Override
  public Optimizer create(ThresholdScaleConfig config) {
    return new ThresholdScaleOptimizer(config);
  }
}
