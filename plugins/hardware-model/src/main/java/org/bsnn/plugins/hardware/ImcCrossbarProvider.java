package org.bsnn.plugins.hardware;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.HardwareModel;

/** Provides the {@code imc-crossbar} hardware model: binary layers on in-memory crossbar arrays. */
public final class ImcCrossbarProvider
    extends AbstractPluginProvider<HardwareModel, ImcCrossbarConfig> {
  /** Registers the plugin. */
  public ImcCrossbarProvider() {
    super(
        "imc-crossbar",
        HardwareModel.class,
        ImcCrossbarConfig.class,
        ImcCrossbarConfig.defaults(),
        "Energy of the binary layers on tiled in-memory crossbar arrays, per activated row and per column sense (illustrative XNOR-SRAM defaults).");
  }

  @Override
  public HardwareModel create(ImcCrossbarConfig config) {
    return new ImcCrossbarModel(config);
  }
}
