package org.bsnn.plugins.models;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Architecture;

class XnorNetProviderTest implements PluginProviderContract<Architecture, XnorNetConfig> {
  @Override
  public PluginProvider<Architecture, XnorNetConfig> provider() {
    return new XnorNetProvider();
  }
}
