package org.bsnn.plugins.training;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Architecture;

/** Provides the paper's {@code vgg15ab} network. */
public final class Vgg15abProvider implements PluginProvider<Architecture, Vgg15abConfig> {
  @Override
  public String id() {
    return "vgg15ab";
  }

  @Override
  public Class<Architecture> stage() {
    return Architecture.class;
  }

  @Override
  public Class<Vgg15abConfig> configType() {
    return Vgg15abConfig.class;
  }

  @Override
  public Vgg15abConfig defaults() {
    return new Vgg15abConfig("cifar", 0, 0.1, "avg", true);
  }

  @Override
  public Architecture create(Vgg15abConfig config) {
    return new Vgg15abArchitecture(config);
  }

  @Override
  public String description() {
    return "The paper's VGG-15 (13 conv + 2 fc, no BN/bias, dropout 0.1, 2x2 avg pooling before ReLU), "
        + "CIFAR 32x32 or ImageNet 224x224 head (Lu & Sengupta 2020).";
  }
}
