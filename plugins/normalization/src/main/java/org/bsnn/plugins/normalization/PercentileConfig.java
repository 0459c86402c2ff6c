package org.bsnn.plugins.normalization;

import org.bsnn.api.config.ConfigChecks;
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
    @Doc(
            "percentile of the post-ReLU activations used as lambda, in (0, 100]; reference code 99.7, the paper's runs 99.9")
        double percentile,
    @Doc(
            "calibration images, the first N training images, >= 1; reference code 128, the paper's runs 3500")
        int samples,
    @Doc("count zero activations in the population (the reference code does)") boolean includeZeros,
    @Doc("images per forward pass during calibration, >= 1") int batchSize) {

  /** Validates ranges. */
  public PercentileConfig {
    ConfigChecks.inOpenClosed("percentile", percentile, 0, 100);
    ConfigChecks.atLeastOne("samples", samples);
    ConfigChecks.atLeastOne("batchSize", batchSize);
  }
}
