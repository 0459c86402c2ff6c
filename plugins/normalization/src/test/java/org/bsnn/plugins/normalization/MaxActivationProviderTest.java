package org.bsnn.plugins.normalization;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Normalizer;

class MaxActivationProviderTest implements PluginProviderContract<Normalizer, MaxActivationConfig> {
  @Override
  public PluginProvider<Normalizer, MaxActivationConfig> provider() {
    return new MaxActivationProvider();
  }
}
