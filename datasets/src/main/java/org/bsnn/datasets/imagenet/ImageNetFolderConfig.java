package org.bsnn.datasets.imagenet;

import java.util.List;
import org.bsnn.api.config.Doc;

/**
 * Config of {@code imagenet-folder}.
 *
 * @param root folder holding the split folders
 * @param train training split folder under root
 * @param test test split folder under root
 * @param resize shorter side after the evaluation resize, pixels
 * @param crop output side, pixels
 * @param scaleMin smallest area fraction of a training crop
 * @param scaleMax largest area fraction of a training crop
 * @param ratioMin smallest aspect ratio (w/h) of a training crop
 * @param ratioMax largest aspect ratio of a training crop
 * @param flip random horizontal flip in training
 * @param mean per-channel mean, empty = ImageNet's
 * @param std per-channel std, empty = ImageNet's
 * @param validation training images held out, from the end
 * @param trainLimit first N training images only, 0 = all
 * @param testLimit first N test images only, 0 = all
 */
public record ImageNetFolderConfig(
    @Doc(
            "folder holding the split folders (train/<class>/<image>, val/<class>/<image>); empty = "
                + "<repo>/datasets/cache/imagenet; relative paths are resolved against the repository root")
        String root,
    @Doc("training split folder under root; its sorted class folder names define the class indices")
        String train,
    @Doc("test split folder under root, with class folders named as in the training split")
        String test,
    @Doc("evaluation: the shorter side is resized to this many pixels before the centre crop")
        int resize,
    @Doc(
            "side of the square images delivered, pixels (evaluation centre crop, training random-resized crop)")
        int crop,
    @Doc("training random-resized crop: smallest area fraction of the image, in (0, 1]")
        double scaleMin,
    @Doc("training random-resized crop: largest area fraction of the image, in [scaleMin, 1]")
        double scaleMax,
    @Doc("training random-resized crop: smallest aspect ratio (width / height), > 0")
        double ratioMin,
    @Doc("training random-resized crop: largest aspect ratio (width / height), >= ratioMin")
        double ratioMax,
    @Doc("training augmentation: horizontal flip with probability 0.5") boolean flip,
    @Doc(
            "per-channel (R, G, B) mean of the [0, 1]-scaled pixels; empty = ImageNet's 0.485, 0.456, 0.406")
        List<Double> mean,
    @Doc("per-channel standard deviation; empty = ImageNet's 0.229, 0.224, 0.225") List<Double> std,
    @Doc(
            "training images held out as the validation split, taken from the end of the training order; 0 = none")
        int validation,
    @Doc(
            "use only the first N training images (class-balanced: the order interleaves classes); 0 = all")
        int trainLimit,
    @Doc("use only the first N test images (class-balanced); 0 = all") int testLimit) {

  /** Validates every value. */
  public ImageNetFolderConfig {
    root = root == null ? "" : root;
    train = train == null || train.isBlank() ? "train" : train;
    test = test == null || test.isBlank() ? "val" : test;
    mean = mean == null ? List.of() : List.copyOf(mean);
    std = std == null ? List.of() : List.copyOf(std);
    if (crop < 1 || resize < crop) {
      throw new IllegalArgumentException(
          "need 1 <= crop <= resize, got crop " + crop + ", resize " + resize);
    }
    if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1)) {
      throw new IllegalArgumentException(
          "need 0 < scaleMin <= scaleMax <= 1, got " + scaleMin + ", " + scaleMax);
    }
    if (!(ratioMin > 0 && ratioMin <= ratioMax) || Double.isInfinite(ratioMax)) {
      throw new IllegalArgumentException(
          "need 0 < ratioMin <= ratioMax, got " + ratioMin + ", " + ratioMax);
    }
    if (validation < 0 || trainLimit < 0 || testLimit < 0) {
      throw new IllegalArgumentException("validation, trainLimit and testLimit must be >= 0");
    }
    if (mean.size() != std.size() || (mean.size() != 0 && mean.size() != 1 && mean.size() != 3)) {
      throw new IllegalArgumentException(
          "give mean and std together, 1 or 3 values each (empty = ImageNet's); got "
              + mean
              + ", "
              + std);
    }
    for (double s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("std values must be positive, got " + std);
      }
    }
    // a NaN or infinite mean or std would turn every normalized pixel into NaN
    if (!java.util.stream.Stream.concat(mean.stream(), std.stream()).allMatch(Double::isFinite)) {
      throw new IllegalArgumentException(
          "mean and std must be finite numbers, got mean " + mean + ", std " + std);
    }
  }

  /** The usual ImageNet setup: 256 → 224 centre crop, scale (0.08, 1), ratio (3/4, 4/3), flip. */
  public static ImageNetFolderConfig defaults() {
    return new ImageNetFolderConfig(
        "", "train", "val", 256, 224, 0.08, 1.0, 3.0 / 4, 4.0 / 3, true, List.of(), List.of(), 0, 0,
        0);
  }
}
