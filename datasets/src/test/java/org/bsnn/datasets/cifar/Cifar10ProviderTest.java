package org.bsnn.datasets.cifar;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

class Cifar10ProviderTest implements PluginProviderContract<DatasetSource, Cifar10Config> {
  @Override
  public PluginProvider<DatasetSource, Cifar10Config> provider() {
    return new Cifar10Provider();
  }
}
