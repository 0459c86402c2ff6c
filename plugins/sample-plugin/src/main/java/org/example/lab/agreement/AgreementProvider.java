package org.example.lab.agreement;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Metric;

/**
 * Makes the {@code ann-snn-agreement} metric available to the workbench. Listed in {@code
 * META-INF/services/org.bsnn.api.plugin.PluginProvider}; use it in an experiment with {@code
 * evaluate: [..., ann-snn-agreement]}.
 */
public final class AgreementProvider extends AbstractPluginProvider<Metric, AgreementConfig> {

  /** This plugin's own version (recorded in provenance), kept equal to the pom's. */
  static final String VERSION = "1.0.0";

  /** The plugin's identity: id, stage, config type, defaults and description. */
  public AgreementProvider() {
    super(
        "ann-snn-agreement",
        Metric.class,
        AgreementConfig.class,
        new AgreementConfig(0.95, false),
        "Fraction of images on which the SNN predicts what its ANN predicts, with a Wilson interval (Wilson 1927), and the images only one of them gets right.");
  }

  @Override
  public Metric create(AgreementConfig config) {
    return new AgreementMetric(config);
  }

  /** Provenance records this plugin's version rather than the workbench's. */
  @Override
  public String version() {
    return VERSION;
  }
}
