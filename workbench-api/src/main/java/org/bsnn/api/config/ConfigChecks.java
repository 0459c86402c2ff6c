package org.bsnn.api.config;

/**
 * Range checks for the compact constructors of config records. Each throws {@link
 * IllegalArgumentException} with a message naming the config key, the allowed range and the
 * rejected value ({@code "percentile must be in (0, 100], got 0.0"}); {@link ConfigBinder} puts the
 * YAML location in front of it. NaN fails every range.
 */
public final class ConfigChecks {
  private ConfigChecks() {}

  /** Throws with {@code message} unless {@code ok}; for checks that are not a plain range. */
  public static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Requires {@code value >= 1}. */
  public static void atLeastOne(String key, long value) {
    require(value >= 1, key + " must be >= 1, got " + value);
  }

  /** Requires {@code value >= 0}. */
  public static void atLeastZero(String key, long value) {
    require(value >= 0, key + " must be >= 0, got " + value);
  }

  /** Requires {@code value} in [lo, hi). */
  public static void inClosedOpen(String key, double value, double lo, double hi) {
    require(
        value >= lo && value < hi,
        key + " must be in [" + bound(lo) + ", " + bound(hi) + "), got " + value);
  }

  /** Requires {@code value} in (lo, hi]. */
  public static void inOpenClosed(String key, double value, double lo, double hi) {
    require(
        value > lo && value <= hi,
        key + " must be in (" + bound(lo) + ", " + bound(hi) + "], got " + value);
  }

  /** Requires {@code value} in [lo, hi]. */
  public static void inClosed(String key, double value, double lo, double hi) {
    require(
        value >= lo && value <= hi,
        key + " must be in [" + bound(lo) + ", " + bound(hi) + "], got " + value);
  }

  /** A bound as people write it: {@code 100}, not {@code 100.0}. */
  private static String bound(double b) {
    return b == Math.rint(b) && Math.abs(b) < 1e15 ? Long.toString((long) b) : Double.toString(b);
  }
}
