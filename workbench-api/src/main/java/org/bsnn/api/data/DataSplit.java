package org.bsnn.api.data;

import java.util.Iterator;
import java.util.SplittableRandom;

/**
 * One split of a dataset, streamed in batches so that large sets never need to be in memory at
 * once. Features are preprocessed (scaled and normalized as {@link DatasetInfo#preprocessing()}
 * records).
 */
public interface DataSplit {

  /** Number of images in the split. */
  int size();

  /**
   * Deterministic batches in file order without augmentation: the same images in the same order
   * every time. Callers close each batch after use.
   */
  Iterator<Batch> batches(int batchSize);

  /**
   * Shuffled, augmented batches for one training epoch.
   *
   * @param random source of the shuffle and augmentation; the same state gives the same batches
   */
  Iterator<Batch> trainingBatches(int batchSize, SplittableRandom random);

  /** The first {@code n} images of this split (all of them when {@code n >= size()}). */
  DataSplit head(int n);
}
