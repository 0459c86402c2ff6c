package org.bsnn.datasets.imagenet;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Registers {@link ImageNetFolderSource} as {@code imagenet-folder}. */
public final class ImageNetFolderProvider
    extends AbstractPluginProvider<DatasetSource, ImageNetFolderConfig> {
  /** Registers the plugin. */
  public ImageNetFolderProvider() {
    super(
        ImageNetFolderSource.ID,
        DatasetSource.class,
        ImageNetFolderConfig.class,
        ImageNetFolderConfig.defaults(),
        "ImageNet-style class folders of JPEG/PNG images, decoded per batch (bounded memory); torchvision-style "
            + "resize + centre crop for evaluation, random-resized crop + flip for training.");
  }

  @Override
  public DatasetSource create(ImageNetFolderConfig config) {
    return new ImageNetFolderSource(config);
  }
}
