package org.bsnn.plugins.binarization;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Binarizer;

class XnorBwnProviderTest implements PluginProviderContract<Binarizer, BinarizerConfig> {
  @Override
  public PluginProvider<Binarizer, BinarizerConfig> provider() {
    return new XnorBwnProvider();
  }
}
