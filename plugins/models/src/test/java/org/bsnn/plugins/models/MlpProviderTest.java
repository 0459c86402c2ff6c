package org.bsnn.plugins.models;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Architecture;

class MlpProviderTest implements PluginProviderContract<Architecture, MlpConfig> {
  @Override
  public PluginProvider<Architecture, MlpConfig> provider() {
    return new MlpProvider();
  }
}
