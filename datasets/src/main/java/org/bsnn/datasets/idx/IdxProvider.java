package org.bsnn.datasets.idx;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Registers {@link IdxSource} as {@code idx}. */
public final class IdxProvider implements PluginProvider<DatasetSource, IdxConfig> {

  @Override
  public String id() {
    return IdxSource.ID;
  }

  @Override
  public Class<DatasetSource> stage() {
    return DatasetSource.class;
  }

  @Override
  public Class<IdxConfig> configType() {
    return IdxConfig.class;
  }

  @Override
  public IdxConfig defaults() {
    return IdxConfig.defaults();
  }

  @Override
  public DatasetSource create(IdxConfig config) {
    return new IdxSource(config);
  }

  @Override
  public String description() {
    return "Any IDX image/label files by path (MNIST layout, raw or gzip, any image size and class count), "
        + "checked for magic, length and label range; normalization computed from the training split.";
  }
}
