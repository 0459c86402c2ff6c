package org.bsnn.datasets.synthetic;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Registers {@link SyntheticSource} as {@code synthetic}. */
public final class SyntheticProvider implements PluginProvider<DatasetSource, SyntheticConfig> {

  @Override
  public String id() {
    return SyntheticSource.ID;
  }

  @Override
  public Class<DatasetSource> stage() {
    return DatasetSource.class;
  }

  @Override
  public Class<SyntheticConfig> configType() {
    return SyntheticConfig.class;
  }

  @Override
  public SyntheticConfig defaults() {
    return SyntheticConfig.defaults();
  }

  @Override
  public DatasetSource create(SyntheticConfig config) {
    return new SyntheticSource(config);
  }

  @Override
  public String description() {
    return "Seeded generated images of any shape (class-specific smooth patterns, shifted, with noise), "
        + "learnable to high accuracy; generated per batch, so any size costs no memory.";
  }
}
