package org.bsnn.plugins.evaluation;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Metric;

class ConfusionMatrixProviderTest implements PluginProviderContract<Metric, ConfusionMatrixConfig> {
  @Override
  public PluginProvider<Metric, ConfusionMatrixConfig> provider() {
    return new ConfusionMatrixProvider();
  }
}
