package org.bsnn.plugins.training;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Trainer;

class SgdProviderTest implements PluginProviderContract<Trainer, SgdConfig> {
  @Override
  public PluginProvider<Trainer, SgdConfig> provider() {
    return new SgdProvider();
  }
}
