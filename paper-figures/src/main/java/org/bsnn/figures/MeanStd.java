package org.bsnn.figures;

import java.util.Collection;
import java.util.Locale;

/**
 * The mean and sample standard deviation (n - 1 in the denominator; 0 for one value) of one
 * quantity over seeds. Values that are NaN (e.g. "timesteps to within 0.5 pt" when a seed never got
 * there) are left out of the statistics and counted in {@code missing}.
 *
 * @param mean the mean of the finite values; NaN when there are none
 * @param std the sample standard deviation of the finite values; 0 for fewer than two
 * @param n how many finite values
 * @param missing how many NaN values were left out
 */
public record MeanStd(double mean, double std, int n, int missing) {

  /** Statistics of the given values. */
  public static MeanStd of(Collection<Double> values) {
    double sum = 0;
    int n = 0;
    int missing = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        missing++;
      } else {
        sum += v;
        n++;
      }
    }
    if (n == 0) {
      return new MeanStd(Double.NaN, 0, 0, missing);
    }
    double mean = sum / n;
    double ss = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    double std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    return new MeanStd(mean, std, n, missing);
  }

  /** Statistics of the given values. */
  public static MeanStd of(double... values) {
    java.util.List<Double> list = new java.util.ArrayList<>(values.length);
    for (double v : values) {
      list.add(v);
    }
    return of(list);
  }

  /** True when no value was finite. */
  public boolean isEmpty() {
    return n == 0;
  }

  /** The statistics with mean and std multiplied by {@code factor} (e.g. 100 for percent). */
  public MeanStd scaled(double factor) {
    return new MeanStd(mean * factor, std * factor, n, missing);
  }

  /**
   * "mean ± std" with the given number of decimals ("mean" alone for one value), locale-free; "n/a"
   * when there is no finite value.
   */
  public String format(int decimals) {
    if (isEmpty()) {
      return "n/a";
    }
    String pattern = "%." + decimals + "f";
    String m = String.format(Locale.ROOT, pattern, mean);
    return n > 1 ? m + " ± " + String.format(Locale.ROOT, pattern, std) : m;
  }
}
