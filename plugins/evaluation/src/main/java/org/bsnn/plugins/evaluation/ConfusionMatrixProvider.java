package org.bsnn.plugins.evaluation;

import java.util.List;
import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Metric;

/** Provides the {@code confusion-matrix} metric. */
public final class ConfusionMatrixProvider
    extends AbstractPluginProvider<Metric, ConfusionMatrixConfig> {
  /** Registers the plugin. */
  public ConfusionMatrixProvider() {
    super(
        "confusion-matrix",
        Metric.class,
        ConfusionMatrixConfig.class,
        new ConfusionMatrixConfig(List.of("ann", "snn")),
        "Confusion matrix and per-class precision, recall and F1 of the ANN and the SNN (Tribuo).");
  }

  @Override
  public Metric create(ConfusionMatrixConfig config) {
    return new ConfusionMatrixMetric(config);
  }
}
