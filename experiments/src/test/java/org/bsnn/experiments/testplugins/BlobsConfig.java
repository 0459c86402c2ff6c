package org.bsnn.experiments.testplugins;

import org.bsnn.api.config.Doc;

/** Config of the test-only {@code test-blobs} dataset. */
public record BlobsConfig(
    @Doc("images per class in each split, >= 1") int perClass,
    @Doc("number of classes, >= 2") int classes) {
  /** Validates ranges. */
  public BlobsConfig {
    if (perClass < 1) {
      throw new IllegalArgumentException("perClass must be >= 1, got " + perClass);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be >= 2, got " + classes);
    }
  }
}
