package org.bsnn.experiments.testplugins;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Provides the test-only {@code test-blobs} dataset. */
public final class BlobsProvider implements PluginProvider<DatasetSource, BlobsConfig> {
  @Override
  public String id() {
    return "test-blobs";
  }

  @Override
  public Class<DatasetSource> stage() {
    return DatasetSource.class;
  }

  @Override
  public Class<BlobsConfig> configType() {
    return BlobsConfig.class;
  }

  @Override
  public BlobsConfig defaults() {
    return new BlobsConfig(20, 4);
  }

  @Override
  public DatasetSource create(BlobsConfig config) {
    return new BlobsSource(config);
  }

  @Override
  public String description() {
    return "Test-only generated 4x4 blobs (proves discovery of plugins outside the plugin modules).";
  }
}
