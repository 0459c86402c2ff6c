package org.bsnn.plugins.optimization;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Optimizer;

class ThresholdScaleProviderTest
    implements PluginProviderContract<Optimizer, ThresholdScaleConfig> {
  @Override
  public PluginProvider<Optimizer, ThresholdScaleConfig> provider() {
    return new ThresholdScaleProvider();
  }
}
