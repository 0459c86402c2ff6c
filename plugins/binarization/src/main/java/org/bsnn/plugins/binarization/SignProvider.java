package org.bsnn.plugins.binarization;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Binarizer;

/** Provides the {@code sign} binarizer. */
public final class SignProvider extends AbstractPluginProvider<Binarizer, BinarizerConfig> {
  /** Registers the plugin. */
  public SignProvider() {
    super(
        "sign",
        Binarizer.class,
        BinarizerConfig.class,
        new BinarizerConfig(true, true),
        "Plain sign(W) binary weights without a scale; first and last layer full precision by default.");
  }

  @Override
  public Binarizer create(BinarizerConfig config) {
    return new SignBinarizer(config);
  }
}
