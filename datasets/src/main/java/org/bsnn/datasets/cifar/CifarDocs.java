package org.bsnn.datasets.cifar;

/**
 * The documentation of the config keys both CIFAR datasets share, so {@code cifar10} and {@code
 * cifar100} describe them in the same words (a {@code @Doc} value must be a constant).
 */
final class CifarDocs {
  private CifarDocs() {}

  static final String TRAIN_LIMIT =
      "use only the first N training images (after the validation hold-out); 0 = all 50,000";
  static final String TEST_LIMIT = "use only the first N test images; 0 = all 10,000";
  static final String CROP_PADDING =
      "training augmentation: random 32x32 crop after this many pixels of zero padding per side; 0 = off";
  static final String FLIP = "training augmentation: horizontal flip with probability 0.5";
}
