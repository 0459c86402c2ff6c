package org.bsnn.plugins.evaluation;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.plugin.NoConfig;
import org.bsnn.api.stage.Metric;

/** Provides the {@code ann-accuracy} metric. */
public final class AnnAccuracyProvider extends AbstractPluginProvider<Metric, NoConfig> {
  /** Registers the plugin. */
  public AnnAccuracyProvider() {
    super(
        "ann-accuracy",
        Metric.class,
        NoConfig.class,
        new NoConfig(),
        "Top-1 accuracy of the trained ANN on the evaluation split.");
  }

  @Override
  public Metric create(NoConfig config) {
    return new AnnAccuracyMetric();
  }
}
