package org.bsnn.plugins.evaluation;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Metric;

class AccuracyVsTimestepProviderTest
    implements PluginProviderContract<Metric, AccuracyVsTimestepConfig> {
  @Override
  public PluginProvider<Metric, AccuracyVsTimestepConfig> provider() {
    return new AccuracyVsTimestepProvider();
  }
}
