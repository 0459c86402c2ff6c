package org.bsnn.plugins.hardware;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.HardwareModel;

/** Providers of the built-in hardware models. */
public final class HardwareModelProviders {
  private HardwareModelProviders() {}

  /** {@code synaptic-ops}: ANN MACs and SNN synaptic operations per layer and per timestep. */
  public static final class SynapticOps extends AbstractPluginProvider<HardwareModel, SynapticOpsConfig> {
    /** Registers the plugin. */
    public SynapticOps() {
      super("synaptic-ops", HardwareModel.class, SynapticOpsConfig.class, new SynapticOpsConfig(false),
          "Counts ANN multiply-accumulates and SNN synaptic operations (spikes times fan-out, first layer as MACs) per layer and timestep.");
    }

    @Override
    public HardwareModel create(SynapticOpsConfig config) {
      return new SynapticOpsModel(config);
    }
  }

  /** {@code energy}: operation counts times a per-operation energy table. */
  public static final class Energy extends AbstractPluginProvider<HardwareModel, EnergyConfig> {
    /** Registers the plugin. */
    public Energy() {
      super("energy", HardwareModel.class, EnergyConfig.class, EnergyConfig.defaults(),
          "Compute energy of the ANN and the SNN from operation counts and a per-operation table (default Horowitz ISSCC 2014, 45 nm).");
    }

    @Override
    public HardwareModel create(EnergyConfig config) {
      return new EnergyModel(config);
    }
  }

  /** {@code imc-crossbar}: binary layers on in-memory crossbar arrays. */
  public static final class ImcCrossbar extends AbstractPluginProvider<HardwareModel, ImcCrossbarConfig> {
    /** Registers the plugin. */
    public ImcCrossbar() {
      super("imc-crossbar", HardwareModel.class, ImcCrossbarConfig.class, ImcCrossbarConfig.defaults(),
          "Energy of the binary layers on tiled in-memory crossbar arrays, per activated row and per column sense (illustrative XNOR-SRAM defaults).");
    }

    @Override
    public HardwareModel create(ImcCrossbarConfig config) {
      return new ImcCrossbarModel(config);
    }
  }
}
