package org.bsnn.datasets.idx;

import org.bsnn.api.config.Doc;

/**
 * Config of {@code fashion-mnist}.
 *
 * @param cacheDir cache root; empty = {@code <repo>/datasets/cache}
 * @param autoFetch fetch missing files when the dataset is opened
 * @param allowUnverified accept files whose SHA-256 does not match the recorded one
 * @param validation training images held out, from the end of the training file
 * @param trainLimit first N training images only, 0 = all
 * @param testLimit first N test images only, 0 = all
 * @param cropPadding random-crop zero padding, pixels, 0 = off
 * @param flip random horizontal flip
 * @param systemDir where the installed Debian package keeps the files
 */
public record FashionMnistConfig(
    @Doc(
            "cache root holding one folder per dataset; empty = <repo>/datasets/cache, where repo is the system "
                + "property bsnn.home, else the working directory")
        String cacheDir,
    @Doc(
            "fetch missing files when the dataset is opened (Debian package dataset-fashion-mnist; no root needed)")
        boolean autoFetch,
    @Doc(
            "accept files whose SHA-256 does not match the recorded checksum (what --allow-unverified sets)")
        boolean allowUnverified,
    @Doc(
            "training images held out as the validation split, taken from the end of the training file; 0 = none")
        int validation,
    @Doc("use only the first N training images (after the validation hold-out); 0 = all 60,000")
        int trainLimit,
    @Doc("use only the first N test images; 0 = all 10,000") int testLimit,
    @Doc(
            "training augmentation: random crop after this many pixels of zero padding per side; 0 = off")
        int cropPadding,
    @Doc("training augmentation: horizontal flip with probability 0.5") boolean flip,
    @Doc(
            "folder of an installed dataset-fashion-mnist package; its files are copied into the cache when present")
        String systemDir) {

  /** Validates ranges and replaces null strings with the defaults. */
  public FashionMnistConfig {
    cacheDir = cacheDir == null ? "" : cacheDir;
    systemDir = systemDir == null ? "" : systemDir;
    IdxOptions.check(validation, trainLimit, testLimit, cropPadding);
  }

  /** The defaults: everything, fetched automatically, no augmentation. */
  public static FashionMnistConfig defaults() {
    return new FashionMnistConfig(
        "", true, false, 0, 0, 0, 0, false, FashionMnistSource.SYSTEM_DIR);
  }

  IdxOptions options() {
    return new IdxOptions(
        cacheDir,
        autoFetch,
        allowUnverified,
        validation,
        trainLimit,
        testLimit,
        new org.bsnn.datasets.PadCropFlip(cropPadding, flip));
  }
}
