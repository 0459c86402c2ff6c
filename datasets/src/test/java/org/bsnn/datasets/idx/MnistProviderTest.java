package org.bsnn.datasets.idx;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

class MnistProviderTest implements PluginProviderContract<DatasetSource, MnistConfig> {
  @Override
  public PluginProvider<DatasetSource, MnistConfig> provider() {
    return new MnistProvider();
  }
}
