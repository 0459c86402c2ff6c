package org.bsnn.plugins.hardware;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.HardwareModel;

class EnergyProviderTest implements PluginProviderContract<HardwareModel, EnergyConfig> {
  @Override
  public PluginProvider<HardwareModel, EnergyConfig> provider() {
    return new EnergyProvider();
  }
}
