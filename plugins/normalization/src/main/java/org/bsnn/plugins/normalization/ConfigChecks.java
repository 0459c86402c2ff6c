package org.bsnn.plugins.normalization;

/**
 * Range checks shared by the normalizer configs; each throws {@link IllegalArgumentException} with
 * the config key and the rejected value.
 */
final class ConfigChecks {
  private ConfigChecks() {}

  /** Checks a percentile config: percentile in (0, 100], then samples and batchSize >= 1. */
  static void percentileCalibration(double percentile, int samples, int batchSize) {
    percentile(percentile);
    atLeastOne("samples", samples);
    atLeastOne("batchSize", batchSize);
  }

  /** Requires {@code percentile} in (0, 100]. */
  static void percentile(double percentile) {
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
    }
  }

  /** Requires {@code value >= 1}; {@code key} names it in the message. */
  static void atLeastOne(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be >= 1, got " + value);
    }
  }
}
