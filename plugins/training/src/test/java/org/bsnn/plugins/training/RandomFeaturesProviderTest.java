package org.bsnn.plugins.training;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Trainer;

class RandomFeaturesProviderTest implements PluginProviderContract<Trainer, RandomFeaturesConfig> {
  @Override
  public PluginProvider<Trainer, RandomFeaturesConfig> provider() {
    return new RandomFeaturesProvider();
  }
}
