package org.bsnn.plugins.normalization;

import org.bsnn.api.config.ConfigChecks;
import org.bsnn.api.config.Doc;

/**
 * Config of {@link ChannelPercentileNormalizer}.
 *
 * @param percentile the percentile of each channel's activations taken as its lambda, in (0, 100]
 * @param samples calibration images (the first N training images)
 * @param includeZeros whether zero activations count in each channel's population
 * @param batchSize images per forward pass
 */
public record ChannelPercentileConfig(
    @Doc("percentile of each channel's post-ReLU activations used as its lambda, in (0, 100]")
        double percentile,
    @Doc("calibration images, the first N training images, >= 1") int samples,
    @Doc("count zero activations in each channel's population") boolean includeZeros,
    @Doc("images per forward pass during calibration, >= 1") int batchSize) {

  /** Validates ranges. */
  public ChannelPercentileConfig {
    ConfigChecks.inOpenClosed("percentile", percentile, 0, 100);
    ConfigChecks.atLeastOne("samples", samples);
    ConfigChecks.atLeastOne("batchSize", batchSize);
  }
}
