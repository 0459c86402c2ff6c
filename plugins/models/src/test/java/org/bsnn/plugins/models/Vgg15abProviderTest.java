package org.bsnn.plugins.models;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Architecture;

class Vgg15abProviderTest implements PluginProviderContract<Architecture, Vgg15abConfig> {
  @Override
  public PluginProvider<Architecture, Vgg15abConfig> provider() {
    return new Vgg15abProvider();
  }
}
