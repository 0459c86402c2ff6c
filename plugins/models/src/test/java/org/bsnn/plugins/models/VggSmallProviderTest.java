package org.bsnn.plugins.models;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Architecture;

class VggSmallProviderTest implements PluginProviderContract<Architecture, VggSmallConfig> {
  @Override
  public PluginProvider<Architecture, VggSmallConfig> provider() {
    return new VggSmallProvider();
  }
}
