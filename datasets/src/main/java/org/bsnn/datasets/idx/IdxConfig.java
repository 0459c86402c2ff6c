package org.bsnn.datasets.idx;

import java.util.List;
import java.util.Map;
import org.bsnn.api.config.Doc;
import org.bsnn.datasets.PadCropFlip;

/**
 * Config of {@code idx}: any IDX image/label files (MNIST layout, raw or gzip), any image size and
 * class count.
 *
 * @param name dataset name for results and provenance
 * @param trainImages training images file
 * @param trainLabels training labels file
 * @param testImages test images file
 * @param testLabels test labels file
 * @param classes number of classes, 0 = largest label + 1 (every class must then have a training
 *     example)
 * @param classNames one name per class, empty = "0", "1", ...
 * @param mean per-channel mean of [0,1] pixels, empty = computed from the training split
 * @param std per-channel std of [0,1] pixels, empty = computed from the training split
 * @param checksums expected SHA-256 by file name, verified when given
 * @param allowUnverified accept files whose SHA-256 does not match {@code checksums}
 * @param validation training images held out, from the end of the training file
 * @param trainLimit first N training images only, 0 = all
 * @param testLimit first N test images only, 0 = all
 * @param cropPadding random-crop zero padding, pixels, 0 = off
 * @param flip random horizontal flip
 */
public record IdxConfig(
    @Doc("dataset name recorded in results and provenance") String name,
    @Doc(
            "training images: IDX file (magic 0x00000803, [count, rows, columns] unsigned bytes), raw or .gz; "
                + "relative paths are resolved against the repository root")
        String trainImages,
    @Doc("training labels: IDX file (magic 0x00000801, [count] unsigned bytes), raw or .gz")
        String trainLabels,
    @Doc("test images: IDX file, raw or .gz") String testImages,
    @Doc("test labels: IDX file, raw or .gz") String testLabels,
    @Doc(
            "number of classes; every label must be below it; 0 = largest label + 1, which must leave no class"
                + " without a training example")
        int classes,
    @Doc("one name per class in label order; empty = \"0\", \"1\", ...") List<String> classNames,
    @Doc(
            "mean of the [0, 1]-scaled pixels used for normalization; empty = computed from the training split")
        List<Double> mean,
    @Doc("standard deviation of the [0, 1]-scaled pixels; empty = computed from the training split")
        List<Double> std,
    @Doc(
            "expected SHA-256 (hex) by file name, e.g. {train-images-idx3-ubyte.gz: 1a2b...}; files not listed "
                + "are not verified")
        Map<String, String> checksums,
    @Doc("accept files whose SHA-256 does not match checksums (what --allow-unverified sets)")
        boolean allowUnverified,
    @Doc(
            "training images held out as the validation split, taken from the end of the training file; 0 = none")
        int validation,
    @Doc("use only the first N training images (after the validation hold-out); 0 = all")
        int trainLimit,
    @Doc("use only the first N test images; 0 = all") int testLimit,
    @Doc(
            "training augmentation: random crop after this many pixels of zero padding per side; 0 = off")
        int cropPadding,
    @Doc("training augmentation: horizontal flip with probability 0.5") boolean flip) {

  /** Validates ranges and copies collections. */
  public IdxConfig {
    name = name == null || name.isBlank() ? IdxSource.ID : name;
    trainImages = trainImages == null ? "" : trainImages;
    trainLabels = trainLabels == null ? "" : trainLabels;
    testImages = testImages == null ? "" : testImages;
    testLabels = testLabels == null ? "" : testLabels;
    classNames = classNames == null ? List.of() : List.copyOf(classNames);
    mean = mean == null ? List.of() : List.copyOf(mean);
    std = std == null ? List.of() : List.copyOf(std);
    checksums = checksums == null ? Map.of() : Map.copyOf(checksums);
    IdxOptions.check(validation, trainLimit, testLimit, cropPadding);
    if (classes < 0 || classes > 256) {
      throw new IllegalArgumentException("classes must be in [0, 256] (0 = infer), got " + classes);
    }
    if (classes > 0 && !classNames.isEmpty() && classNames.size() != classes) {
      throw new IllegalArgumentException(
          "classNames has " + classNames.size() + " names but classes = " + classes);
    }
    if (mean.isEmpty() != std.isEmpty()) {
      throw new IllegalArgumentException(
          "give both mean and std, or neither (computed from the training split)");
    }
    if (mean.size() > 1 || std.size() > 1) {
      throw new IllegalArgumentException(
          "mean and std take one value each: IDX images have one channel; got mean "
              + mean
              + ", std "
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

  /** The defaults: no files (they must be given), everything else automatic. */
  public static IdxConfig defaults() {
    return new IdxConfig(
        IdxSource.ID,
        "",
        "",
        "",
        "",
        0,
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        false,
        0,
        0,
        0,
        0,
        false);
  }

  PadCropFlip augmentation() {
    return new PadCropFlip(cropPadding, flip);
  }
}
