package org.bsnn.plugins.normalization;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Normalizer;

class SpikeBasedProviderTest implements PluginProviderContract<Normalizer, SpikeBasedConfig> {
  @Override
  public PluginProvider<Normalizer, SpikeBasedConfig> provider() {
    return new SpikeBasedProvider();
  }
}
