package org.bsnn.datasets.idx;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

class FashionMnistProviderTest
    implements PluginProviderContract<DatasetSource, FashionMnistConfig> {
  @Override
  public PluginProvider<DatasetSource, FashionMnistConfig> provider() {
    return new FashionMnistProvider();
  }
}
