package org.example.lab.agreement;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Metric;

/**
 * The workbench's provider contract (id, description, @Doc on every key, services file, binding
 * round trip).
 */
class AgreementProviderTest implements PluginProviderContract<Metric, AgreementConfig> {
  @Override
  public PluginProvider<Metric, AgreementConfig> provider() {
    return new AgreementProvider();
  }
}
