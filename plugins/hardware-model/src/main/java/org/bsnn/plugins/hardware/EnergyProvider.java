package org.bsnn.plugins.hardware;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.HardwareModel;

/**
 * Provides the {@code energy} hardware model: operation counts times a per-operation energy table.
 */
public final class EnergyProvider extends AbstractPluginProvider<HardwareModel, EnergyConfig> {
  /** Registers the plugin. */
  public EnergyProvider() {
    super(
        "energy",
        HardwareModel.class,
        EnergyConfig.class,
        EnergyConfig.defaults(),
        "Compute energy of the ANN and the SNN from operation counts and a per-operation table (default Horowitz ISSCC 2014, 45 nm).");
  }

  @Override
  public HardwareModel create(EnergyConfig config) {
    return new EnergyModel(config);
  }
}
