package org.bsnn.plugins.models;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Architecture;

/** Provides the paper's {@code vgg15ab} network. */
public final class Vgg15abProvider extends AbstractPluginProvider<Architecture, Vgg15abConfig> {
  /** Registers the plugin. */
  public Vgg15abProvider() {
    super(
        "vgg15ab",
        Architecture.class,
        Vgg15abConfig.class,
        new Vgg15abConfig("cifar", 0, 0.1, "avg", true),
        "The paper's VGG-15 (13 conv + 2 fc, no BN/bias, dropout 0.1, 2x2 avg pooling before ReLU), "
            + "CIFAR 32x32 or ImageNet 224x224 head (Lu & Sengupta 2020).");
  }

  @Override
  public Architecture create(Vgg15abConfig config) {
    return new Vgg15abArchitecture(config);
  }
}
