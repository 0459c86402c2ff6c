package org.bsnn.plugins.normalization;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Normalizer;

/** Provides the {@code max-activation} normalizer. */
public final class MaxActivationProvider
    extends AbstractPluginProvider<Normalizer, MaxActivationConfig> {
  /** Registers the plugin. */
  public MaxActivationProvider() {
    super(
        "max-activation",
        Normalizer.class,
        MaxActivationConfig.class,
        new MaxActivationConfig(128, 64),
        "Layer-wise threshold balancing with the maximum ReLU activation on calibration images (Diehl 2015).");
  }

  @Override
  public Normalizer create(MaxActivationConfig config) {
    return new MaxActivationNormalizer(config);
  }
}
