package org.bsnn.datasets;

import java.util.SplittableRandom;

/**
 * Random access to the preprocessed images of one file set (e.g. the Fashion-MNIST training file).
 * Splits are index ranges over a loader; only the loader knows where pixels live (memory, a mapped
 * file, a folder of JPEGs, a generator).
 *
 * <p>Implementations must be safe to call from one thread at a time per iterator; they hold no
 * per-iteration state.
 */
public interface ImageLoader {

  /** Number of images. */
  int size();

  /** Channels of a preprocessed image. */
  int channels();

  /** Height of a preprocessed image, pixels. */
  int height();

  /** Width of a preprocessed image, pixels. */
  int width();

  /** Class index of image {@code index}, in [0, classes). */
  int label(int index);

  /**
   * Writes image {@code index}, preprocessed without augmentation (scaled, normalized; resized and
   * centre-cropped where the source does so), into {@code dst[offset ..]} in [c][h][w] order.
   */
  void load(int index, float[] dst, int offset);

  /** Like {@link #load} with the source's training augmentation, drawn from {@code random}. */
  void loadAugmented(int index, float[] dst, int offset, SplittableRandom random);

  /**
   * Whether the images of a batch may be loaded in parallel (decoding JPEGs is worth it; copying
   * bytes is not). Results never depend on it: each image gets its own generator, split off in
   * order before loading starts.
   */
  default boolean parallel() {
    return false;
  }

  /** Floats per image: channels × height × width. */
  default int imageLength() {
    return channels() * height() * width();
  }
}
