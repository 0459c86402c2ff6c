package org.bsnn.plugins.models;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Architecture;

/** Provides the {@code vgg-small} model family. */
public final class VggSmallProvider extends AbstractPluginProvider<Architecture, VggSmallConfig> {

  /** The default spec: two conv blocks for 28x28 images and a 256-neuron hidden layer. */
  public static final String DEFAULT_LAYERS = "c32-c32p-c64-c64p-fc256-fc10";

  /** Registers the plugin. */
  public VggSmallProvider() {
    super(
        "vgg-small",
        Architecture.class,
        VggSmallConfig.class,
        new VggSmallConfig(DEFAULT_LAYERS, "avg", true, 0.1, false),
        "Small VGG built by the paper's vgg15ab rules (3x3 convs, 2x2 avg pooling before ReLU, dropout 0.1, "
            + "no bias/BN) from a layer spec such as c32-c32p-c64-c64p-fc256-fc10; optionally with QCFS activations"
            + " (qcfsLevels; Bu et al., ICLR 2022, Optimal ANN-SNN Conversion for High-accuracy and"
            + " Ultra-low-latency SNNs) for low-latency conversion.");
  }

  @Override
  public Architecture create(VggSmallConfig config) {
    return new VggSmallArchitecture(config);
  }
}
