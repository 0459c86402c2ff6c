package org.bsnn.experiments.testplugins;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Provides the test-only {@code test-blobs} dataset. */
public final class BlobsProvider extends AbstractPluginProvider<DatasetSource, BlobsConfig> {
  /** Registers the plugin. */
  public BlobsProvider() {
    super(
        "test-blobs",
        DatasetSource.class,
        BlobsConfig.class,
        new BlobsConfig(20, 4),
        "Test-only generated 4x4 blobs (proves discovery of plugins outside the plugin modules).");
  }

  @Override
  public DatasetSource create(BlobsConfig config) {
    return new BlobsSource(config);
  }
}
