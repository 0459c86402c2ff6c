package org.example.lab.agreement;

/**
 * The Wilson score interval of a binomial proportion: E. B. Wilson (1927), "Probable inference, the
 * law of succession, and statistical inference", J. Am. Stat. Assoc. 22(158):209-212; method 3 of
 * R. G. Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of
 * seven methods", Stat. Med. 17:857-872. Unlike the normal approximation it stays inside [0, 1] and
 * is not empty at 0 or n successes.
 *
 * @param low lower bound
 * @param high upper bound
 */
record WilsonInterval(double low, double high) {

  /**
   * The interval for {@code successes} out of {@code trials} at the two-sided {@code confidence}.
   * NaN bounds for zero trials.
   */
  static WilsonInterval of(long successes, long trials, double confidence) {
    if (trials == 0) {
      return new WilsonInterval(Double.NaN, Double.NaN);
    }
    double z = NormalQuantile.of(1 - (1 - confidence) / 2);
    double n = trials;
    double p = successes / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denominator;
    double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
  }
}
