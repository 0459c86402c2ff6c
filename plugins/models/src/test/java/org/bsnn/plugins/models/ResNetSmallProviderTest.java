package org.bsnn.plugins.models;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Architecture;

class ResNetSmallProviderTest implements PluginProviderContract<Architecture, ResNetSmallConfig> {
  @Override
  public PluginProvider<Architecture, ResNetSmallConfig> provider() {
    return new ResNetSmallProvider();
  }
}
