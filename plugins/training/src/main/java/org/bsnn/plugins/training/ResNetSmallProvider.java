package org.bsnn.plugins.training;

import java.util.List;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Architecture;

/** Provides the {@code resnet-small} model family. */
public final class ResNetSmallProvider implements PluginProvider<Architecture, ResNetSmallConfig> {

  @Override
  public String id() {
    return "resnet-small";
  }

  @Override
  public Class<Architecture> stage() {
    return Architecture.class;
  }

  @Override
  public Class<ResNetSmallConfig> configType() {
    return ResNetSmallConfig.class;
  }

  /** Three stages of one block each, 16-32-64 channels: small enough to train on a CPU. */
  @Override
  public ResNetSmallConfig defaults() {
    return new ResNetSmallConfig(List.of(16, 32, 64), List.of(1, 1, 1));
  }

  @Override
  public Architecture create(ResNetSmallConfig config) {
    return new ResNetSmallArchitecture(config);
  }

  @Override
  public String description() {
    return "Small ResNet (3x3 stem conv-BN-ReLU, basic blocks with identity or 1x1-projection shortcuts, global "
        + "average pooling, fc) for 28x28 and 32x32 images; batch norm folds and residual adds convert to the SNN.";
  }
}
