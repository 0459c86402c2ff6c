package org.bsnn.plugins.interop;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Trainer;

class OnnxProviderTest implements PluginProviderContract<Trainer, OnnxConfig> {
  @Override
  public PluginProvider<Trainer, OnnxConfig> provider() {
    return new OnnxProvider();
  }
}
