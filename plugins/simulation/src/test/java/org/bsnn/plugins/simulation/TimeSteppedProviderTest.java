package org.bsnn.plugins.simulation;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Simulator;

class TimeSteppedProviderTest implements PluginProviderContract<Simulator, TimeSteppedConfig> {
  @Override
  public PluginProvider<Simulator, TimeSteppedConfig> provider() {
    return new TimeSteppedProvider();
  }
}
