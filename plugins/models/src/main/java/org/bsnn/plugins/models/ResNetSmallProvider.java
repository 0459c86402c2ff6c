package org.bsnn.plugins.models;

import java.util.List;
import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Architecture;

/** Provides the {@code resnet-small} model family. */
public final class ResNetSmallProvider
    extends AbstractPluginProvider<Architecture, ResNetSmallConfig> {
  /**
   * Registers the plugin. The defaults are three stages of one block each, 16-32-64 channels: small
   * enough to train on a CPU.
   */
  public ResNetSmallProvider() {
    super(
        "resnet-small",
        Architecture.class,
        ResNetSmallConfig.class,
        new ResNetSmallConfig(List.of(16, 32, 64), List.of(1, 1, 1)),
        "Small ResNet (3x3 stem conv-BN-ReLU, basic blocks with identity or 1x1-projection shortcuts, global "
            + "average pooling, fc) for 28x28 and 32x32 images; batch norm folds and residual adds convert to the SNN.");
  }

  @Override
  public Architecture create(ResNetSmallConfig config) {
    return new ResNetSmallArchitecture(config);
  }
}
