package org.bsnn.plugins.normalization;

import java.util.Arrays;
import org.bsnn.api.config.ConfigChecks;

/**
 * Keeps the largest {@code k} of a stream of floats in O(k) memory, so an exact high percentile of
 * hundreds of millions of activations needs only the top fraction of them. Values at or below the
 * current k-th largest are dropped early; the buffer is compacted to the top k when it fills.
 */
final class TopValues {

  private final int k;
  private float[] buffer;
  private int size;
  private float floor = Float.NEGATIVE_INFINITY;

  /** Keeps the top {@code k >= 1} values. */
  TopValues(int k) {
    ConfigChecks.atLeastOne("k", k);
    this.k = k;
    this.buffer = new float[Math.max(16, Math.min(2 * k, 1 << 20))];
  }

  /** Offers every value of the array. */
  void offer(float[] values) {
    offer(values, 0, values.length);
  }

  /** Offers {@code values[from]} to {@code values[to - 1]}. */
  void offer(float[] values, int from, int to) {
    for (int i = from; i < to; i++) {
      float v = values[i];
      if (v > floor) {
        if (size == buffer.length) {
          compact();
          if (!(v > floor)) {
            continue;
          }
        }
        buffer[size++] = v;
      }
    }
  }

  private void compact() {
    if (buffer.length < 2 * k) {
      buffer = Arrays.copyOf(buffer, Math.min(2 * k, Math.max(buffer.length * 2, 16)));
      if (size < buffer.length) {
        return;
      }
    }
    Arrays.sort(buffer, 0, size);
    int keep = Math.min(k, size);
    System.arraycopy(buffer, size - keep, buffer, 0, keep);
    size = keep;
    floor = buffer[0];
  }

  /** The retained values in ascending order (at most k). */
  float[] sorted() {
    float[] out = Arrays.copyOf(buffer, size);
    Arrays.sort(out);
    return out.length > k ? Arrays.copyOfRange(out, out.length - k, out.length) : out;
  }

  /**
   * NumPy's default ("linear") percentile of a population of {@code n} values whose largest are
   * held here: position {@code p/100 * (n-1)} in ascending order, interpolated between neighbours.
   *
   * @throws IllegalStateException when the position falls below the retained values (k too small)
   */
  double percentile(double p, long n) {
    float[] top = sorted();
    double position = p / 100.0 * (n - 1);
    long lowIndex = (long) Math.floor(position);
    long firstRetained = n - top.length;
    if (lowIndex < firstRetained) {
      throw new IllegalStateException(
          "percentile position " + position + " is below the " + top.length + " retained values");
    }
    float low = top[(int) (lowIndex - firstRetained)];
    long highIndex = Math.min(lowIndex + 1, n - 1);
    float high = top[(int) (highIndex - firstRetained)];
    return low + (position - lowIndex) * (high - low);
  }

  /** How many of the top values a percentile over {@code n} values needs. */
  static int needed(double p, long n) {
    long lowIndex = (long) Math.floor(p / 100.0 * (n - 1));
    long k = n - lowIndex;
    if (k > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(
          "percentile "
              + p
              + " over "
              + n
              + " values needs too many retained values; use a higher percentile or fewer samples");
    }
    return (int) Math.max(1, k);
  }
}
