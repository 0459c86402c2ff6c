package org.bsnn.datasets.idx;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Registers {@link FashionMnistSource} as {@code fashion-mnist}. */
public final class FashionMnistProvider
    extends AbstractPluginProvider<DatasetSource, FashionMnistConfig> {
  /** Registers the plugin. */
  public FashionMnistProvider() {
    super(
        FashionMnistSource.ID,
        DatasetSource.class,
        FashionMnistConfig.class,
        FashionMnistConfig.defaults(),
        "Fashion-MNIST (Xiao et al. 2017): 60k/10k 28x28 grey clothing images, IDX files fetched from "
            + "Debian's dataset-fashion-mnist package and SHA-256 verified.");
  }

  @Override
  public DatasetSource create(FashionMnistConfig config) {
    return new FashionMnistSource(config);
  }
}
