package org.bsnn.plugins.binarization;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Binarizer;

/** Provides the {@code xnor-bwn} binarizer. */
public final class XnorBwnProvider implements PluginProvider<Binarizer, BinarizerConfig> {
  @Override
  public String id() {
    return "xnor-bwn";
  }

  @Override
  public Class<Binarizer> stage() {
    return Binarizer.class;
  }

  @Override
  public Class<BinarizerConfig> configType() {
    return BinarizerConfig.class;
  }

  @Override
  public BinarizerConfig defaults() {
    return new BinarizerConfig(true, true);
  }

  @Override
  public Binarizer create(BinarizerConfig config) {
    return new XnorBwnBinarizer(config);
  }

  @Override
  public String description() {
    return "XNOR-Net binary weights sign(W)*alpha, one alpha = mean|W| per output; first and last layer full precision (Rastegari 2016).";
  }
}
