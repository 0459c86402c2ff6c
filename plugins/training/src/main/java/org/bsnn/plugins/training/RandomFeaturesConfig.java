package org.bsnn.plugins.training;

import org.bsnn.api.config.ConfigChecks;
import org.bsnn.api.config.Doc;

/**
 * Config of {@link RandomFeaturesTrainer}.
 *
 * @param ridge L2 penalty of the least-squares readout
 * @param batchSize images per batch when accumulating features
 * @param trainLimit use only the first N training images (0 = all)
 */
public record RandomFeaturesConfig(
    @Doc("L2 penalty of the least-squares output layer, > 0") double ridge,
    @Doc("images per batch while accumulating features, >= 1") int batchSize,
    @Doc("use only the first N training images; 0 = all") int trainLimit) {

  /** Validates ranges. */
  public RandomFeaturesConfig {
    if (!(ridge > 0) || !Double.isFinite(ridge)) {
      throw new IllegalArgumentException("ridge must be a positive number, got " + ridge);
    }
    ConfigChecks.atLeastOne("batchSize", batchSize);
    if (trainLimit < 0) {
      throw new IllegalArgumentException("trainLimit must be >= 0, got " + trainLimit);
    }
  }
}
