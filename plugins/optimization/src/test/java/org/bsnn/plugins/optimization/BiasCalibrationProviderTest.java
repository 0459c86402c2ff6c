package org.bsnn.plugins.optimization;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Optimizer;

class BiasCalibrationProviderTest
    implements PluginProviderContract<Optimizer, BiasCalibrationConfig> {
  @Override
  public PluginProvider<Optimizer, BiasCalibrationConfig> provider() {
    return new BiasCalibrationProvider();
  }
}
