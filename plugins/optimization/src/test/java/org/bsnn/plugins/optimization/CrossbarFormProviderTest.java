package org.bsnn.plugins.optimization;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.NoConfig;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Optimizer;

class CrossbarFormProviderTest implements PluginProviderContract<Optimizer, NoConfig> {
  @Override
  public PluginProvider<Optimizer, NoConfig> provider() {
    return new CrossbarFormProvider();
  }
}
