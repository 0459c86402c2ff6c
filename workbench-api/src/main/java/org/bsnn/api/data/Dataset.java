package org.bsnn.api.data;

import java.util.Optional;

/** An opened dataset: its description and its splits. */
public interface Dataset {

  /** Shape, classes, checksums and preprocessing of this dataset. */
  DatasetInfo info();

  /** The training split (augmented only when iterated with {@link DataSplit#trainingBatches}). */
  DataSplit train();

  /** The held-out validation split, when the source defines one. */
  default Optional<DataSplit> validation() {
    return Optional.empty();
  }

  /** The test split, always iterated deterministically and without augmentation. */
  DataSplit test();

  /**
   * The calibration subset for threshold balancing: the first {@code n} training images, in file
   * order, without augmentation.
   */
  default DataSplit calibration(int n) {
    return train().head(n);
  }
}
