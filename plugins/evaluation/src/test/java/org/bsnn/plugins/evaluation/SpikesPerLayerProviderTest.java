package org.bsnn.plugins.evaluation;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.NoConfig;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Metric;

class SpikesPerLayerProviderTest implements PluginProviderContract<Metric, NoConfig> {
  @Override
  public PluginProvider<Metric, NoConfig> provider() {
    return new SpikesPerLayerProvider();
  }
}
