package org.bsnn.datasets.synthetic;

import org.bsnn.api.config.Doc;

/**
 * Config of {@code synthetic}.
 *
 * @param channels image channels
 * @param height image height, pixels
 * @param width image width, pixels
 * @param classes number of classes
 * @param trainSize training images (validation included)
 * @param testSize test images
 * @param seed the generator seed; the data is a function of this config alone
 * @param noise standard deviation of the per-pixel Gaussian noise, in [0, 1] pixel units
 * @param shift largest random translation of the class pattern, pixels
 * @param validation training images held out, from the end
 * @param cropPadding random-crop zero padding, pixels, 0 = off
 * @param flip random horizontal flip
 */
public record SyntheticConfig(
    @Doc("image channels, >= 1") int channels,
    @Doc("image height, pixels, >= 1") int height,
    @Doc("image width, pixels, >= 1") int width,
    @Doc("number of classes, in [2, 65536]") int classes,
    @Doc("training images, validation included, >= 1") int trainSize,
    @Doc("test images, >= 1") int testSize,
    @Doc("generator seed: the images are a function of this config alone, not of the run's seed")
        long seed,
    @Doc("standard deviation of the Gaussian pixel noise, in [0, 1]-scaled pixel units; >= 0")
        double noise,
    @Doc("largest random translation of an image's class pattern, pixels, >= 0") int shift,
    @Doc("training images held out as the validation split, taken from the end; 0 = none")
        int validation,
    @Doc(
            "training augmentation: random crop after this many pixels of zero padding per side; 0 = off")
        int cropPadding,
    @Doc("training augmentation: horizontal flip with probability 0.5") boolean flip) {

  /** Validates every value. */
  public SyntheticConfig {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image shape must be positive, got " + channels + "x" + height + "x" + width);
    }
    if ((long) channels * height * width > 64L * 1024 * 1024) {
      throw new IllegalArgumentException(
          "an image of "
              + channels
              + "x"
              + height
              + "x"
              + width
              + " values is too large (limit 64M)");
    }
    if (classes < 2 || classes > 65536) {
      throw new IllegalArgumentException("classes must be in [2, 65536], got " + classes);
    }
    if (trainSize < 1 || testSize < 1) {
      throw new IllegalArgumentException(
          "trainSize and testSize must be >= 1, got " + trainSize + ", " + testSize);
    }
    if (validation < 0 || validation >= trainSize) {
      throw new IllegalArgumentException(
          "validation must be in [0, trainSize) = [0, " + trainSize + "), got " + validation);
    }
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("noise must be >= 0, got " + noise);
    }
    if (shift < 0 || cropPadding < 0) {
      throw new IllegalArgumentException(
          "shift and cropPadding must be >= 0, got " + shift + ", " + cropPadding);
    }
  }

  /** 10 classes of 1x28x28 images, 1,000 training and 200 test images. */
  public static SyntheticConfig defaults() {
    return new SyntheticConfig(1, 28, 28, 10, 1000, 200, 0, 0.1, 2, 0, 0, false);
  }
}
