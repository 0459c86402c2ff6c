package org.bsnn.plugins.models;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Architecture;

/** Provides the {@code xnor-net} baseline model. */
public final class XnorNetProvider extends AbstractPluginProvider<Architecture, XnorNetConfig> {

  /**
   * Two pooled conv layers for 28x28 images, one hidden fc layer: XNOR-Net's LeNet shape at CPU
   * size.
   */
  static final String DEFAULT_LAYERS = "c32p-c64p-fc256-fc10";

  /** Registers the plugin. */
  public XnorNetProvider() {
    super(
        "xnor-net",
        Architecture.class,
        XnorNetConfig.class,
        new XnorNetConfig(DEFAULT_LAYERS, "max"),
        "XNOR-Net baseline (ANN-only): batch norm and sign activations (straight-through gradient, |x| <= 1) "
            + "before every hidden layer but the first; with binarize: xnor-bwn also binary weights, first and last "
            + "layer full precision.");
  }

  @Override
  public Architecture create(XnorNetConfig config) {
    return new XnorNetArchitecture(config);
  }
}
