package org.bsnn.plugins.normalization;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Normalizer;

/** Provides the {@code percentile} normalizer. */
public final class PercentileProvider extends AbstractPluginProvider<Normalizer, PercentileConfig> {
  /**
   * Registers the plugin with the reference code's defaults (99.7th percentile of 128 images, zeros
   * included).
   */
  public PercentileProvider() {
    super(
        "percentile",
        Normalizer.class,
        PercentileConfig.class,
        new PercentileConfig(99.7, 128, true, 64),
        "Layer-wise threshold balancing with an exact, streamed percentile of post-ReLU activations (Rueckauer 2017; Lu & Sengupta 2020).");
  }

  @Override
  public Normalizer create(PercentileConfig config) {
    return new PercentileNormalizer(config);
  }
}
