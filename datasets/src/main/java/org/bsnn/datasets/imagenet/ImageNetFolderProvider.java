package org.bsnn.datasets.imagenet;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Registers {@link ImageNetFolderSource} as {@code imagenet-folder}. */
public final class ImageNetFolderProvider implements PluginProvider<DatasetSource, ImageNetFolderConfig> {

  @Override
  public String id() {
    return ImageNetFolderSource.ID;
  }

  @Override
  public Class<DatasetSource> stage() {
    return DatasetSource.class;
  }

  @Override
  public Class<ImageNetFolderConfig> configType() {
    return ImageNetFolderConfig.class;
  }

  @Override
  public ImageNetFolderConfig defaults() {
    return ImageNetFolderConfig.defaults();
  }

  @Override
  public DatasetSource create(ImageNetFolderConfig config) {
    return new ImageNetFolderSource(config);
  }

  @Override
  public String description() {
    return "ImageNet-style class folders of JPEG/PNG images, decoded per batch (bounded memory); torchvision-style "
        + "resize + centre crop for evaluation, random-resized crop + flip for training.";
  }
}
