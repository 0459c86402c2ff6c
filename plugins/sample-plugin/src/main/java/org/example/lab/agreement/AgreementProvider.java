package org.example.lab.agreement;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Metric;

/**
 * Makes the {@code ann-snn-agreement} metric available to the workbench. Listed in
 * {@code META-INF/services/org.bsnn.api.plugin.PluginProvider}; use it in an experiment with
 * {@code evaluate: [..., ann-snn-agreement]}.
 */
public final class AgreementProvider implements PluginProvider<Metric, AgreementConfig> {

  /** This plugin's own version (recorded in provenance), kept equal to the pom's. */
  static final String VERSION = "1.0.0";

  @Override
  public String id() {
    return "ann-snn-agreement";
  }

  @Override
  public Class<Metric> stage() {
    return Metric.class;
  }

  @Override
  public Class<AgreementConfig> configType() {
    return AgreementConfig.class;
  }

  @Override
  public AgreementConfig defaults() {
    return new AgreementConfig(0.95, false);
  }

  @Override
  public Metric create(AgreementConfig config) {
    return new AgreementMetric(config);
  }

  @Override
  public String description() {
    return "Fraction of images on which the SNN predicts what its ANN predicts, with a Wilson interval (Wilson 1927), and the images only one of them gets right.";
  }

  @Override
  public String version() {
    return VERSION;
  }
}
