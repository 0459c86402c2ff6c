package org.bsnn.plugins.optimization;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Optimizer;

/** Provides the {@code bias-calibration} optimizer. */
public final class BiasCalibrationProvider
    extends AbstractPluginProvider<Optimizer, BiasCalibrationConfig> {
  /** Registers the plugin. */
  public BiasCalibrationProvider() {
    super(
        "bias-calibration",
        Optimizer.class,
        BiasCalibrationConfig.class,
        new BiasCalibrationConfig(256, 16, 64, BiasCalibrationConfig.Target.BIAS),
        "Post-conversion calibration: layer by layer, shift each IF layer's bias (or initial"
            + " potential) by the mean per-channel gap between its SNN rate x threshold and the"
            + " ANN activation on a few training images (Li, Deng, Dong & Gu 2021, ICML).");
  }

  @Override
  public Optimizer create(BiasCalibrationConfig config) {
    return new BiasCalibrationOptimizer(config);
  }
}
