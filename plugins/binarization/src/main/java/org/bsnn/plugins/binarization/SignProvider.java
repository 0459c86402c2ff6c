package org.bsnn.plugins.binarization;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Binarizer;

/** Provides the {@code sign} binarizer. */
public final class SignProvider implements PluginProvider<Binarizer, BinarizerConfig> {
  @Override
  public String id() {
    return "sign";
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
    return new SignBinarizer(config);
  }

  @Override
  public String description() {
    return "Plain sign(W) binary weights without a scale; first and last layer full precision by default.";
  }
}
