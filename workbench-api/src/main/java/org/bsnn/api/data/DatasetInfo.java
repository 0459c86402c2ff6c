package org.bsnn.api.data;

import java.util.List;
import java.util.Map;

/**
 * What a dataset is, for shape checks, results and provenance.
 *
 * @param name the dataset plugin's id and variant, e.g. "fashion-mnist"
 * @param channels image channels (1 for grey, 3 for RGB)
 * @param height image height in pixels after preprocessing
 * @param width image width in pixels after preprocessing
 * @param classNames one name per class; its size is the class count
 * @param checksums SHA-256 (hex) of every source file, keyed by file name
 * @param preprocessing normalization statistics and augmentation, as written to provenance
 */
public record DatasetInfo(
    String name,
    int channels,
    int height,
    int width,
    List<String> classNames,
    Map<String, String> checksums,
    Map<String, Object> preprocessing) {

  /** Validates the shape and copies the collections. */
  public DatasetInfo {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "image shape must be positive, got " + channels + "x" + height + "x" + width);
    }
    if (classNames.size() < 2) {
      throw new IllegalArgumentException("a classification dataset needs at least 2 classes");
    }
    classNames = List.copyOf(classNames);
    checksums = Map.copyOf(checksums);
    preprocessing = Map.copyOf(preprocessing);
  }

  /** Number of classes. */
  public int classes() {
    return classNames.size();
  }

  /** The per-image shape [channels, height, width]. */
  public long[] imageShape() {
    return new long[] {channels, height, width};
  }
}
