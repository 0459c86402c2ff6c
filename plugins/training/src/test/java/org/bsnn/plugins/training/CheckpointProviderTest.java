package org.bsnn.plugins.training;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Trainer;

class CheckpointProviderTest implements PluginProviderContract<Trainer, CheckpointConfig> {
  @Override
  public PluginProvider<Trainer, CheckpointConfig> provider() {
    return new CheckpointProvider();
  }
}
