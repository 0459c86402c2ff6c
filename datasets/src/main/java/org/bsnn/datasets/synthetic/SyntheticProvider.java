package org.bsnn.datasets.synthetic;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Registers {@link SyntheticSource} as {@code synthetic}. */
public final class SyntheticProvider
    extends AbstractPluginProvider<DatasetSource, SyntheticConfig> {
  /** Registers the plugin. */
  public SyntheticProvider() {
    super(
        SyntheticSource.ID,
        DatasetSource.class,
        SyntheticConfig.class,
        SyntheticConfig.defaults(),
        "Seeded generated images of any shape (class-specific smooth patterns, shifted, with noise), "
            + "learnable to high accuracy; generated per batch, so any size costs no memory.");
  }

  @Override
  public DatasetSource create(SyntheticConfig config) {
    return new SyntheticSource(config);
  }
}
