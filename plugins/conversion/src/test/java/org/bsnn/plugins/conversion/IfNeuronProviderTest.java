package org.bsnn.plugins.conversion;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Converter;

class IfNeuronProviderTest implements PluginProviderContract<Converter, IfNeuronConfig> {
  @Override
  public PluginProvider<Converter, IfNeuronConfig> provider() {
    return new IfNeuronProvider();
  }
}
