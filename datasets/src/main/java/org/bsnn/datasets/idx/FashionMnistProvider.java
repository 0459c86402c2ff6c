package org.bsnn.datasets.idx;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Registers {@link FashionMnistSource} as {@code fashion-mnist}. */
public final class FashionMnistProvider implements PluginProvider<DatasetSource, FashionMnistConfig> {

  @Override
  public String id() {
    return FashionMnistSource.ID;
  }

  @Override
  public Class<DatasetSource> stage() {
    return DatasetSource.class;
  }

  @Override
  public Class<FashionMnistConfig> configType() {
    return FashionMnistConfig.class;
  }

  @Override
  public FashionMnistConfig defaults() {
    return FashionMnistConfig.defaults();
  }

  @Override
  public DatasetSource create(FashionMnistConfig config) {
    return new FashionMnistSource(config);
  }

  @Override
  public String description() {
    return "Fashion-MNIST (Xiao et al. 2017): 60k/10k 28x28 grey clothing images, IDX files fetched from "
        + "Debian's dataset-fashion-mnist package and SHA-256 verified.";
  }
}
