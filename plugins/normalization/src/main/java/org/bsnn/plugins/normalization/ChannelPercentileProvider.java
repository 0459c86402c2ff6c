package org.bsnn.plugins.normalization;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Normalizer;

/** Provides the {@code channel-wise} normalizer. */
public final class ChannelPercentileProvider
    extends AbstractPluginProvider<Normalizer, ChannelPercentileConfig> {
  /**
   * Registers the plugin with the layer-wise percentile's reference defaults (99.7th percentile of
   * 128 images, zeros included).
   */
  public ChannelPercentileProvider() {
    super(
        "channel-wise",
        Normalizer.class,
        ChannelPercentileConfig.class,
        new ChannelPercentileConfig(99.7, 128, true, 64),
        "Channel-wise threshold balancing: an exact, streamed percentile of each channel's post-ReLU activations (Rueckauer 2017; Kim 2020).");
  }

  @Override
  public Normalizer create(ChannelPercentileConfig config) {
    return new ChannelPercentileNormalizer(config);
  }
}
