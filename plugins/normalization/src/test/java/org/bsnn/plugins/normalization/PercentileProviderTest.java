package org.bsnn.plugins.normalization;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Normalizer;

class PercentileProviderTest implements PluginProviderContract<Normalizer, PercentileConfig> {
  @Override
  public PluginProvider<Normalizer, PercentileConfig> provider() {
    return new PercentileProvider();
  }
}
