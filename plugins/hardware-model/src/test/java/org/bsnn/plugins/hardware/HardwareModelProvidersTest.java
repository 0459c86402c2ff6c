package org.bsnn.plugins.hardware;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.HardwareModel;
import org.junit.jupiter.api.Nested;

class HardwareModelProvidersTest {

  @Nested
  class SynapticOps implements PluginProviderContract<HardwareModel, SynapticOpsConfig> {
    @Override
    public PluginProvider<HardwareModel, SynapticOpsConfig> provider() {
      return new HardwareModelProviders.SynapticOps();
    }
  }

  @Nested
  class Energy implements PluginProviderContract<HardwareModel, EnergyConfig> {
    @Override
    public PluginProvider<HardwareModel, EnergyConfig> provider() {
      return new HardwareModelProviders.Energy();
    }
  }

  @Nested
  class ImcCrossbar implements PluginProviderContract<HardwareModel, ImcCrossbarConfig> {
    @Override
    public PluginProvider<HardwareModel, ImcCrossbarConfig> provider() {
      return new HardwareModelProviders.ImcCrossbar();
    }
  }
}
