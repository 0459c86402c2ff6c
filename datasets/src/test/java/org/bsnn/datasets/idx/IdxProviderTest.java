package org.bsnn.datasets.idx;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

class IdxProviderTest implements PluginProviderContract<DatasetSource, IdxConfig> {
  @Override
  public PluginProvider<DatasetSource, IdxConfig> provider() {
    return new IdxProvider();
  }
}
