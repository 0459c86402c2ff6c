package org.bsnn.datasets.cifar;

import java.util.List;
import org.bsnn.api.config.Doc;
import org.bsnn.datasets.PadCropFlip;

/**
 * Config of {@code cifar100}.
 *
 * @param root folder with the data (see {@link Cifar100Source})
 * @param labels fine (100 classes) or coarse (20 superclasses)
 * @param validation training images held out, from the end of train.bin
 * @param trainLimit first N training images only, 0 = all
 * @param testLimit first N test images only, 0 = all
 * @param cropPadding random-crop zero padding, pixels, 0 = off
 * @param flip random horizontal flip
 * @param mean per-channel mean, empty = standard
 * @param std per-channel std, empty = standard
 * @param checkCounts require the official record counts
 */
public record Cifar100Config(
    @Doc(
            "folder holding cifar-100-binary/ (or train.bin and test.bin themselves, or cifar-100-binary.tar.gz); "
                + "empty = <repo>/datasets/cache/cifar100; relative paths are resolved against the repository root")
        String root,
    @Doc("which label: fine (100 classes) or coarse (20 superclasses)") Labels labels,
    @Doc(
            "training images held out as the validation split, taken from the end of train.bin; 0 = none")
        int validation,
    @Doc(CifarDocs.TRAIN_LIMIT) int trainLimit,
    @Doc(CifarDocs.TEST_LIMIT) int testLimit,
    @Doc(CifarDocs.CROP_PADDING) int cropPadding,
    @Doc(CifarDocs.FLIP) boolean flip,
    @Doc(
            "per-channel (R, G, B) mean of the [0, 1]-scaled pixels; empty = the standard 0.5071, 0.4865, 0.4409")
        List<Double> mean,
    @Doc("per-channel standard deviation; empty = the standard 0.2673, 0.2564, 0.2762")
        List<Double> std,
    @Doc(
            "require the official record counts (50,000 train, 10,000 test); false = any whole number of records")
        boolean checkCounts) {

  /** Which of the two label bytes is the class. */
  public enum Labels {
    /** The 100 fine classes (second label byte). */
    FINE,
    /** The 20 coarse superclasses (first label byte). */
    COARSE
  }

  /** Validates ranges. */
  public Cifar100Config {
    root = root == null ? "" : root;
    labels = labels == null ? Labels.FINE : labels;
    mean = mean == null ? List.of() : List.copyOf(mean);
    std = std == null ? List.of() : List.copyOf(std);
    CifarSource.check(validation, trainLimit, testLimit, cropPadding, mean, std);
  }

  /** Fine labels, padding 4 + flip, standard statistics, official counts. */
  public static Cifar100Config defaults() {
    return new Cifar100Config("", Labels.FINE, 0, 0, 0, 4, true, List.of(), List.of(), true);
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
