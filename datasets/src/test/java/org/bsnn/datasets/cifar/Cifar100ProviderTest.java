package org.bsnn.datasets.cifar;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

class Cifar100ProviderTest implements PluginProviderContract<DatasetSource, Cifar100Config> {
  @Override
  public PluginProvider<DatasetSource, Cifar100Config> provider() {
    return new Cifar100Provider();
  }
}
