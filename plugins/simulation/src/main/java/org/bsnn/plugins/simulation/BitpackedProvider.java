package org.bsnn.plugins.simulation;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Simulator;
import org.bsnn.plugins.simulation.engine.KernelChoice;

/** Provides the {@code bitpacked} simulator. */
public final class BitpackedProvider extends AbstractPluginProvider<Simulator, BitpackedConfig> {
  /** Registers the plugin. */
  public BitpackedProvider() {
    super(
        "bitpacked",
        Simulator.class,
        BitpackedConfig.class,
        new BitpackedConfig(100, 128, 0, 0, KernelChoice.AUTO),
        "Binary layers on packed spikes with AND + popcount (multi-threaded), full-precision layers on ND4J; the time-stepped trace.");
  }

  @Override
  public Simulator create(BitpackedConfig config) {
    return new BitpackedSimulator(config);
  }
}
