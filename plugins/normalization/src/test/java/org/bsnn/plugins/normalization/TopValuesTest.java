package org.bsnn.plugins.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopValuesTest {

  /** NumPy's default linear-interpolation percentile, computed by sorting everything. */
  static double exact(float[] all, double p) {
    float[] s = all.clone();
    Arrays.sort(s);
    double pos = p / 100.0 * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (pos - lo) * (s[hi] - s[lo]);
  }

  @ParameterizedTest
  @CsvSource({
    "99.7, 100000, 0.6",
    "99.9, 250000, 0.8",
    "50, 1001, 0.5",
    "100, 5000, 0.3",
    "99.99, 70001, 0.9"
  })
  void streamedPercentileEqualsTheSortedPopulation(double p, int n, double zeroFraction) {
    SplittableRandom random = new SplittableRandom(7);
    float[] all = new float[n];
    for (int i = 0; i < n; i++) {
      all[i] =
          random.nextDouble() < zeroFraction ? 0f : (float) Math.abs(random.nextGaussian() * 3);
    }
    TopValues top = new TopValues(TopValues.needed(p, n));
    for (int from = 0; from < n; from += 4096) { // stream in chunks as batches would arrive
      top.offer(Arrays.copyOfRange(all, from, Math.min(n, from + 4096)));
    }
    assertEquals(exact(all, p), top.percentile(p, n), 0.0);
  }

  @ParameterizedTest
  @CsvSource({"99.7, 100000", "99.9, 3500000"})
  void keepsOnlyTheTopFraction(double p, long n) {
    int k = TopValues.needed(p, n);
    assertEquals(true, k <= Math.ceil((1 - p / 100) * n) + 2, "k=" + k);
  }

  @org.junit.jupiter.api.Test
  void rejectsNonPositiveK() {
    assertThrows(IllegalArgumentException.class, () -> new TopValues(0));
  }
}
