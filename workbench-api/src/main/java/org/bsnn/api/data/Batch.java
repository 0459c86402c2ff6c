package org.bsnn.api.data;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch of images and their labels.
 *
 * @param features float32, shape [n, channels, height, width], preprocessed
 * @param labels class index per image, length n, each in [0, classes)
 */
public record Batch(INDArray features, int[] labels) implements AutoCloseable {

  /** Checks that features and labels describe the same images. */
  public Batch {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(labels, "labels");
    if (features.rank() != 4 || features.size(0) != labels.length) {
      throw new IllegalArgumentException(
          "batch features must be [n,c,h,w] with n = labels.length; got shape "
              + java.util.Arrays.toString(features.shape())
              + " and "
              + labels.length
              + " labels");
    }
  }

  /** Number of images in the batch. */
  public int size() {
    return labels.length;
  }

  /** Releases the off-heap feature buffer. */
  @Override
  public void close() {
    if (!features.wasClosed()) {
      features.close();
    }
  }
}
