package org.bsnn.plugins.simulation;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Simulator;

class EventDrivenProviderTest implements PluginProviderContract<Simulator, EventDrivenConfig> {
  @Override
  public PluginProvider<Simulator, EventDrivenConfig> provider() {
    return new EventDrivenProvider();
  }
}
