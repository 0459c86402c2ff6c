package org.bsnn.datasets.synthetic;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

class SyntheticProviderTest implements PluginProviderContract<DatasetSource, SyntheticConfig> {
  @Override
  public PluginProvider<DatasetSource, SyntheticConfig> provider() {
    return new SyntheticProvider();
  }
}
