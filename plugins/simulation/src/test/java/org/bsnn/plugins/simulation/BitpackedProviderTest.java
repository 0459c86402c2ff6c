package org.bsnn.plugins.simulation;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Simulator;

class BitpackedProviderTest implements PluginProviderContract<Simulator, BitpackedConfig> {
  @Override
  public PluginProvider<Simulator, BitpackedConfig> provider() {
    return new BitpackedProvider();
  }
}
