package org.bsnn.plugins.hardware;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.HardwareModel;

/**
 * Provides the {@code synaptic-ops} hardware model: ANN MACs and SNN synaptic operations per layer
 * and per timestep.
 */
public final class SynapticOpsProvider
    extends AbstractPluginProvider<HardwareModel, SynapticOpsConfig> {
  /** Registers the plugin. */
  public SynapticOpsProvider() {
    super(
        "synaptic-ops",
        HardwareModel.class,
        SynapticOpsConfig.class,
        new SynapticOpsConfig(false),
        "Counts ANN multiply-accumulates and SNN synaptic operations (spikes times fan-out, first layer as MACs) per layer and timestep.");
  }

  @Override
  public HardwareModel create(SynapticOpsConfig config) {
    return new SynapticOpsModel(config);
  }
}
