package org.bsnn.datasets.cifar;

import java.util.List;
import org.bsnn.api.config.Doc;
import org.bsnn.datasets.PadCropFlip;

/**
 * Config of {@code cifar10}.
 *
 * @param root folder with the data (see {@link Cifar10Source})
 * @param validation training images held out, from the end of the training files
 * @param trainLimit first N training images only, 0 = all
 * @param testLimit first N test images only, 0 = all
 * @param cropPadding random-crop zero padding, pixels, 0 = off
 * @param flip random horizontal flip
 * @param mean per-channel mean, empty = standard
 * @param std per-channel std, empty = standard
 * @param checkCounts require the official record counts
 */
public record Cifar10Config(
    @Doc(
            "folder holding cifar-10-batches-bin/ (or the .bin files themselves, or cifar-10-binary.tar.gz); "
                + "empty = <repo>/datasets/cache/cifar10; relative paths are resolved against the repository root")
        String root,
    @Doc(
            "training images held out as the validation split, taken from the end of data_batch_5; 0 = none")
        int validation,
    @Doc(CifarDocs.TRAIN_LIMIT) int trainLimit,
    @Doc(CifarDocs.TEST_LIMIT) int testLimit,
    @Doc(CifarDocs.CROP_PADDING) int cropPadding,
    @Doc(CifarDocs.FLIP) boolean flip,
    @Doc(
            "per-channel (R, G, B) mean of the [0, 1]-scaled pixels; empty = the standard 0.4914, 0.4822, 0.4465")
        List<Double> mean,
    @Doc("per-channel standard deviation; empty = the standard 0.2470, 0.2435, 0.2616")
        List<Double> std,
    @Doc(
            "require the official record counts (10,000 per file), so a file truncated at a record boundary is "
                + "caught; false = accept any whole number of records")
        boolean checkCounts) {

  /** Validates ranges. */
  public Cifar10Config {
    root = root == null ? "" : root;
    mean = mean == null ? List.of() : List.copyOf(mean);
    std = std == null ? List.of() : List.copyOf(std);
    CifarSource.check(validation, trainLimit, testLimit, cropPadding, mean, std);
  }

  /** Standard CIFAR training setup: padding 4 + flip, standard statistics, official counts. */
  public static Cifar10Config defaults() {
    return new Cifar10Config("", 0, 0, 0, 4, true, List.of(), List.of(), true);
  }

  CifarSource.CifarOptions options() {
    return new CifarSource.CifarOptions(
        validation,
        trainLimit,
        testLimit,
        new PadCropFlip(cropPadding, flip),
        mean,
        std,
        checkCounts);
  }
}
