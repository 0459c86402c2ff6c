package org.bsnn.plugins.hardware;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.HardwareModel;

class SynapticOpsProviderTest implements PluginProviderContract<HardwareModel, SynapticOpsConfig> {
  @Override
  public PluginProvider<HardwareModel, SynapticOpsConfig> provider() {
    return new SynapticOpsProvider();
  }
}
