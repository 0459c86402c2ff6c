package org.bsnn.plugins.optimization;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Optimizer;

class EarlyExitMarginProviderTest implements PluginProviderContract<Optimizer, EarlyExitConfig> {
  @Override
  public PluginProvider<Optimizer, EarlyExitConfig> provider() {
    return new EarlyExitMarginProvider();
  }
}
