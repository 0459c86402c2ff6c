package org.bsnn.plugins.optimization;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Optimizer;

class InitialPotentialProviderTest
    implements PluginProviderContract<Optimizer, InitialPotentialConfig> {
  @Override
  public PluginProvider<Optimizer, InitialPotentialConfig> provider() {
    return new InitialPotentialProvider();
  }
}
