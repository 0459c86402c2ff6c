package org.bsnn.datasets.imagenet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.data.DataStatus;
import org.bsnn.api.data.DataStatus.ChecksumState;
import org.bsnn.api.data.DataStatus.FileStatus;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.DatasetSource;
import org.bsnn.datasets.CacheLocation;
import org.bsnn.datasets.LoadedDataset;
import org.bsnn.datasets.Normalization;

/**
 * An ImageNet-style folder tree: {@code <root>/<train>/<class>/<image>} and {@code
 * <root>/<test>/<class>/<image>}, JPEG or PNG (grey, palette and RGB; decoded through ImageIO). The
 * sorted class folder names of the training split are the class indices (as torchvision's {@code
 * ImageFolder}). Images are decoded per batch, in parallel, and never held beyond their batch, so
 * memory is bounded by the batch size whatever the size of the set.
 *
 * <p>Order ("file order" for evaluation and slices): classes interleaved round-robin, each class's
 * files sorted by name, so a prefix such as a calibration subset is class-balanced. Preprocessing:
 * see {@link ImageNetFolderImages}; normalization with ImageNet's statistics unless configured.
 * Checksums: a SHA-256 of each split's sorted file list is recorded (hashing every image would read
 * the whole set); a missing or unreadable image is an error naming the file.
 */
public final class ImageNetFolderSource implements DatasetSource {

  /** The plugin id. */
  public static final String ID = "imagenet-folder";

  private final ImageNetFolderConfig config;

  /** Creates the source; touches no file. */
  public ImageNetFolderSource(ImageNetFolderConfig config) {
    this.config = config;
  }

  Path root() {
    return config.root().isBlank()
        ? CacheLocation.of("", "imagenet")
        : CacheLocation.resolve(config.root());
  }

  private String howToGet() {
    return "ImageNet cannot be downloaded automatically (it needs an account at https://image-net.org). Put the "
        + "images in "
        + root().resolve(config.train())
        + "/<class>/*.JPEG and "
        + root().resolve(config.test())
        + "/<class>/*.JPEG (the validation images sorted into class folders), or set the config key root";
  }

  @Override
  public DataStatus status() {
    List<FileStatus> files = new java.util.ArrayList<>();
    for (String split : List.of(config.train(), config.test())) {
      Path dir = root().resolve(split);
      if (!Files.isDirectory(dir) || ImageNetFolderIndex.classFolders(dir).isEmpty()) {
        files.add(new FileStatus(dir.toString(), "", ChecksumState.MISSING));
      } else {
        files.add(new FileStatus(dir.toString(), "", ChecksumState.NOT_RECORDED));
      }
    }
    return new DataStatus(ID, files, howToGet());
  }

  @Override
  public Dataset open(RunContext context) {
    Path trainDir = root().resolve(config.train());
    Path testDir = root().resolve(config.test());
    for (Path d : List.of(trainDir, testDir)) {
      if (!Files.isDirectory(d)) {
        throw new DataUnavailableException(ID + ": folder not found: " + d + ". " + howToGet());
      }
    }
    List<String> classes = ImageNetFolderIndex.classFolders(trainDir);
    if (classes.size() < 2) {
      throw new DataUnavailableException(
          ID
              + ": "
              + trainDir
              + " has "
              + classes.size()
              + " class folder(s); one folder per class is needed, "
              + "at least 2. "
              + howToGet());
    }
    ImageNetFolderIndex train = ImageNetFolderIndex.list(trainDir, classes, "training");
    ImageNetFolderIndex test = ImageNetFolderIndex.list(testDir, classes, "test");
    Normalization norm =
        Normalization.configured(
            config.mean(),
            config.std(),
            3,
            new Normalization(
                List.of(0.485, 0.456, 0.406),
                List.of(0.229, 0.224, 0.225),
                "standard ImageNet statistics"),
            ID + " config mean/std");
    Map<String, Object> pre = new LinkedHashMap<>(norm.describe());
    pre.put(
        "evaluation",
        "resize shorter side to "
            + config.resize()
            + " (antialiased bilinear), centre crop "
            + config.crop()
            + "; class round-robin order, no augmentation");
    Map<String, Object> aug = new LinkedHashMap<>();
    Map<String, Object> rrc = new LinkedHashMap<>();
    rrc.put("size", config.crop());
    rrc.put("scale", List.of(config.scaleMin(), config.scaleMax()));
    rrc.put("ratio", List.of(config.ratioMin(), config.ratioMax()));
    aug.put("randomResizedCrop", rrc);
    aug.put("horizontalFlip", config.flip() ? "probability 0.5" : "off");
    pre.put("trainAugmentation", aug);
    Map<String, String> checksums = new LinkedHashMap<>();
    checksums.put(
        config.train() + "/ (sorted file list, " + train.size() + " images)", train.fingerprint);
    checksums.put(
        config.test() + "/ (sorted file list, " + test.size() + " images)", test.fingerprint);
    DatasetInfo info =
        new DatasetInfo(ID, 3, config.crop(), config.crop(), classes, checksums, pre);
    LoadedDataset d =
        LoadedDataset.of(
            info,
            new ImageNetFolderImages(train, config, norm),
            new ImageNetFolderImages(test, config, norm),
            config.validation(),
            config.trainLimit(),
            config.testLimit());
    if (context != null) {
      context.provenance("checksums", checksums);
      context.provenance("dataDir", root().toString());
      context.provenance("preprocessing", pre);
      context.provenance("splits", d.splitSizes());
    }
    return d;
  }
}
