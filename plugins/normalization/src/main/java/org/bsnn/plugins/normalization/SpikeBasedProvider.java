package org.bsnn.plugins.normalization;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.stage.Normalizer;

/** Provides the {@code spike-based} normalizer. */
public final class SpikeBasedProvider extends AbstractPluginProvider<Normalizer, SpikeBasedConfig> {
  /**
   * Registers the plugin: the maximum input current over 100 timesteps on 128 images, direct input,
   * reset by subtraction.
   */
  public SpikeBasedProvider() {
    super(
        "spike-based",
        Normalizer.class,
        SpikeBasedConfig.class,
        new SpikeBasedConfig(128, 100, 100.0, 32, ResetMode.SUBTRACT, Encoding.DIRECT),
        "Spike-Norm threshold balancing on the partially converted SNN's own input currents, layer by layer (Sengupta 2019).");
  }

  @Override
  public Normalizer create(SpikeBasedConfig config) {
    return new SpikeBasedNormalizer(config);
  }
}
