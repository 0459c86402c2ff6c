package org.bsnn.plugins.normalization;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Normalizer;

/** Provides the {@code max-activation} normalizer. */
public final class MaxActivationProvider implements PluginProvider<Normalizer, MaxActivationConfig> {
  @Override
  public String id() {
    return "max-activation";
  }

  @Override
  public Class<Normalizer> stage() {
    return Normalizer.class;
  }

  @Override
  public Class<MaxActivationConfig> configType() {
    return MaxActivationConfig.class;
  }

  @Override
  public MaxActivationConfig defaults() {
    return new MaxActivationConfig(128, 64);
  }

  @Override
  public Normalizer create(MaxActivationConfig config) {
    return new MaxActivationNormalizer(config);
  }

  @Override
  public String description() {
    return "Layer-wise threshold balancing with the maximum ReLU activation on calibration images (Diehl 2015).";
  }
}
