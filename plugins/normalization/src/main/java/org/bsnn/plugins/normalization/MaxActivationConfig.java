package org.bsnn.plugins.normalization;

import org.bsnn.api.config.ConfigChecks;
import org.bsnn.api.config.Doc;

/**
 * Config of {@link MaxActivationNormalizer}.
 *
 * @param samples calibration images (the first N training images)
 * @param batchSize images per forward pass
 */
public record MaxActivationConfig(
    @Doc("calibration images: the first N training images, >= 1") int samples,
    @Doc("images per forward pass during calibration, >= 1") int batchSize) {

  /** Validates ranges. */
  public MaxActivationConfig {
    ConfigChecks.atLeastOne("samples", samples);
    ConfigChecks.atLeastOne("batchSize", batchSize);
  }
}
