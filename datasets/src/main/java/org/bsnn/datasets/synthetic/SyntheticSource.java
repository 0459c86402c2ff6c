package org.bsnn.datasets.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.config.ConfigBinder;
import org.bsnn.api.data.DataStatus;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.DatasetSource;
import org.bsnn.datasets.LoadedDataset;
import org.bsnn.datasets.Normalization;
import org.bsnn.datasets.PadCropFlip;

/**
 * Seeded generated images of any shape for tests and benchmarks ({@link SyntheticImages} describes
 * the generator). Nothing is stored: images are generated when a batch asks for them, so even
 * ImageNet-sized sets cost no memory. The data depends only on the config (its {@code seed}), not
 * on the run's seed. Normalization statistics are computed from the first 256 training images.
 */
public final class SyntheticSource implements DatasetSource {

  /** The plugin id. */
  public static final String ID = "synthetic";

  private static final int STAT_IMAGES = 256;

  private final SyntheticConfig config;

  /** Creates the source. */
  public SyntheticSource(SyntheticConfig config) {
    this.config = config;
  }

  @Override
  public DataStatus status() {
    return new DataStatus(ID, List.of(), "nothing to fetch: images are generated from the config");
  }

  @Override
  public Dataset open(RunContext context) {
    SyntheticImages train = new SyntheticImages(config, 0, config.trainSize());
    SyntheticImages test = new SyntheticImages(config, 1, config.testSize());
    int n = Math.min(STAT_IMAGES, config.trainSize() - config.validation());
    Normalization norm =
        Normalization.fromSums(
            train.channelSums(0, n), "computed from the first " + n + " generated training images");
    PadCropFlip aug = new PadCropFlip(config.cropPadding(), config.flip());
    train.normalize(norm).augment(aug);
    test.normalize(norm);
    List<String> names = new ArrayList<>();
    for (int k = 0; k < config.classes(); k++) {
      names.add("class-" + k);
    }
    Map<String, Object> pre = new LinkedHashMap<>(norm.describe());
    pre.put("trainAugmentation", aug.describe());
    pre.put("evaluation", "index order, no augmentation");
    pre.put(
        "generator",
        "class patterns of 3 plane waves + shift + contrast + Gaussian noise; "
            + ConfigBinder.toMap(config));
    DatasetInfo info =
        new DatasetInfo(
            ID, config.channels(), config.height(), config.width(), names, Map.of(), pre);
    LoadedDataset d = LoadedDataset.of(info, train, test, config.validation(), 0, 0);
    if (context != null) {
      context.provenance("preprocessing", pre);
      context.provenance("checksums", Map.of());
    }
    return d;
  }
}
