package org.bsnn.plugins.normalization;

import org.bsnn.api.config.Doc;

/**
 * Config of {@link PercentileNormalizer}.
 *
 * @param percentile the percentile of activations taken as lambda, in (0, 100]
 * @param samples calibration images (the first N training images)
 * @param includeZeros whether zero activations count in the population
 * @param batchSize images per forward pass
 */
public record PercentileConfig(
    @Doc("percentile of the post-ReLU activations used as lambda, in (0, 100]; reference code 99.7, the paper's runs 99.9") double percentile,
    @Doc("calibration images, the first N training images, >= 1; reference code 128, the paper's runs 3500") int samples,
    @Doc("count zero activations in the population (the reference code does)") boolean includeZeros,
    @Doc("images per forward pass during calibration, >= 1") int batchSize) {

  /** Validates ranges. */
  public PercentileConfig {
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
    }
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, got " + samples);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
  }
}
