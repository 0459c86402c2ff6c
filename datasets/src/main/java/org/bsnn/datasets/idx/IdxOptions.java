package org.bsnn.datasets.idx;

import org.bsnn.datasets.PadCropFlip;

/**
 * The options {@code fashion-mnist} and {@code mnist} share; see their config records for the
 * meaning of each.
 */
record IdxOptions(
    String cacheDir,
    boolean autoFetch,
    boolean allowUnverified,
    int validation,
    int trainLimit,
    int testLimit,
    PadCropFlip augmentation) {

  static void check(int validation, int trainLimit, int testLimit, int cropPadding) {
    if (validation < 0) {
      throw new IllegalArgumentException("validation must be >= 0 images, got " + validation);
    }
    if (trainLimit < 0) {
      throw new IllegalArgumentException(
          "trainLimit must be >= 0 images (0 = all), got " + trainLimit);
    }
    if (testLimit < 0) {
      throw new IllegalArgumentException(
          "testLimit must be >= 0 images (0 = all), got " + testLimit);
    }
    if (cropPadding < 0) {
      throw new IllegalArgumentException(
          "cropPadding must be >= 0 pixels (0 = off), got " + cropPadding);
    }
  }
}
