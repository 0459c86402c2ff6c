package org.bsnn.plugins.training;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Architecture;

/** Provides the {@code xnor-net} baseline model. */
public final class XnorNetProvider implements PluginProvider<Architecture, XnorNetConfig> {

  /** Two pooled conv layers for 28x28 images, one hidden fc layer: XNOR-Net's LeNet shape at CPU size. */
  static final String DEFAULT_LAYERS = "c32p-c64p-fc256-fc10";

  @Override
  public String id() {
    return "xnor-net";
  }

  @Override
  public Class<Architecture> stage() {
    return Architecture.class;
  }

  @Override
  public Class<XnorNetConfig> configType() {
    return XnorNetConfig.class;
  }

  @Override
  public XnorNetConfig defaults() {
    return new XnorNetConfig(DEFAULT_LAYERS, "max");
  }

  @Override
  public Architecture create(XnorNetConfig config) {
    return new XnorNetArchitecture(config);
  }

  @Override
  public String description() {
    return "XNOR-Net baseline (ANN-only): batch norm and sign activations (straight-through gradient, |x| <= 1) "
        + "before every hidden layer but the first; with binarize: xnor-bwn also binary weights, first and last "
        + "layer full precision.";
  }
}
