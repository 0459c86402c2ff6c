package org.bsnn.datasets.imagenet;

import org.bsnn.api.contract.PluginProviderContract;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

class ImageNetFolderProviderTest
    implements PluginProviderContract<DatasetSource, ImageNetFolderConfig> {
  @Override
  public PluginProvider<DatasetSource, ImageNetFolderConfig> provider() {
    return new ImageNetFolderProvider();
  }
}
