package org.bsnn.plugins.binarization;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Binarizer;

/** Provides the {@code xnor-bwn} binarizer. */
public final class XnorBwnProvider extends AbstractPluginProvider<Binarizer, BinarizerConfig> {
  /** Registers the plugin. */
  public XnorBwnProvider() {
    super(
        "xnor-bwn",
        Binarizer.class,
        BinarizerConfig.class,
        new BinarizerConfig(true, true),
        "XNOR-Net binary weights sign(W)*alpha, one alpha = mean|W| per output; first and last layer full precision (Rastegari 2016).");
  }

  @Override
  public Binarizer create(BinarizerConfig config) {
    return new XnorBwnBinarizer(config);
  }
}
