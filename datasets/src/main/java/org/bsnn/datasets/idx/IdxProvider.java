package org.bsnn.datasets.idx;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Registers {@link IdxSource} as {@code idx}. */
public final class IdxProvider extends AbstractPluginProvider<DatasetSource, IdxConfig> {
  /** Registers the plugin. */
  public IdxProvider() {
    super(
        IdxSource.ID,
        DatasetSource.class,
        IdxConfig.class,
        IdxConfig.defaults(),
        "Any IDX image/label files by path (MNIST layout, raw or gzip, any image size and class count), "
            + "checked for magic, length and label range; normalization computed from the training split.");
  }

  @Override
  public DatasetSource create(IdxConfig config) {
    return new IdxSource(config);
  }
}
