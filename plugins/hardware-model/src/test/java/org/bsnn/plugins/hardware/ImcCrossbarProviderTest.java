package org.bsnn.plugins.hardware;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.HardwareModel;

class ImcCrossbarProviderTest implements PluginProviderContract<HardwareModel, ImcCrossbarConfig> {
  @Override
  public PluginProvider<HardwareModel, ImcCrossbarConfig> provider() {
    return new ImcCrossbarProvider();
  }
}
