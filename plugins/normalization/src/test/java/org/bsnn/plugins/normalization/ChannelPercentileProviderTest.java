package org.bsnn.plugins.normalization;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Normalizer;

class ChannelPercentileProviderTest
    implements PluginProviderContract<Normalizer, ChannelPercentileConfig> {
  @Override
  public PluginProvider<Normalizer, ChannelPercentileConfig> provider() {
    return new ChannelPercentileProvider();
  }
}
